// What each adapter keeps per open operation (a timer handle, a socket, a peer connection), by op
// id: a vector in id order. An adapter holds a handful at a time; each std::map instantiation
// cost the module ~1 KB (issue "Fast and small").
#pragma once

#include <utility>
#include <vector>

#include "netready/ports.h"

namespace netready::wasm {

template <typename T>
class OpMap {
 public:
  // nullptr when absent. Valid until the next set() or erase().
  T* find(OpId id) {
    for (auto& [key, value] : items_)
      if (key == id) return &value;
    return nullptr;
  }
  bool has(OpId id) { return find(id) != nullptr; }
  void set(OpId id, T value) {
    if (T* old = find(id)) {
      *old = std::move(value);
    } else {
      items_.emplace_back(id, std::move(value));
    }
  }
  void erase(OpId id) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (it->first == id) {
        items_.erase(it);
        return;
      }
    }
  }
  void clear() { items_.clear(); }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }

 private:
  std::vector<std::pair<OpId, T>> items_;
};

}  // namespace netready::wasm
