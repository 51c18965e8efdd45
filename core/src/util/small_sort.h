// Sorting for the short lists core sorts (relay times per region, secrets): insertion sort, stable.
// Profiles bound these lists (at most 32 servers x 16 URLs), so n^2 stays under a millisecond,
// while each std::sort or std::stable_sort instantiation costs the wasm module 1-3 KB (issue
// "Fast and small"). Not for input of unbounded length (json_parse sorts with std::sort).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace netready {

template <typename T, typename Less>
void smallSort(std::vector<T>& v, const Less& less) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    T item = std::move(v[i]);
    std::size_t j = i;
    for (; j > 0 && less(item, v[j - 1]); --j) v[j] = std::move(v[j - 1]);
    v[j] = std::move(item);
  }
}

}  // namespace netready
