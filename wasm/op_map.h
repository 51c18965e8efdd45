// What each adapter keeps per open operation (a timer handle, a socket, a peer connection), by op
// id: a vector in id order. An adapter holds a handful at a time; each std::map instantiation
// cost the module ~1 KB (issue "Fast and small").
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "netready/ports.h"

namespace netready::wasm {

template <typename T>
class OpMap {
 public:
  // nullptr when absent. Valid until the next set() or erase().
  T* find(OpId id) {
    const std::size_t i = index(id);
    return i < items_.size() ? &items_[i].second : nullptr;
  }
  bool has(OpId id) const { return index(id) < items_.size(); }
  void set(OpId id, T value) {
    if (T* old = find(id)) {
      *old = std::move(value);
    } else {
      items_.emplace_back(id, std::move(value));
    }
  }
  void erase(OpId id) {
    const std::size_t i = index(id);
    if (i < items_.size()) items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  void clear() { items_.clear(); }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }

 private:
  // Where `id` is, or size() when absent: the one search find, has and erase share.
  std::size_t index(OpId id) const {
    std::size_t i = 0;
    while (i < items_.size() && items_[i].first != id) ++i;
    return i;
  }
  std::vector<std::pair<OpId, T>> items_;
};

}  // namespace netready::wasm
