// Sorting without std::sort or std::stable_sort, each instantiation of which costs the wasm
// module 1-3 KB (issue "Fast and small"). smallSort: insertion sort, stable, for the short lists
// core sorts (relay times per region, secrets; profiles bound them to 32 servers x 16 URLs, so
// n^2 stays under a millisecond). mergeSort: bottom-up, stable, n log n, for input of any length
// (a JSON object's member names).
#pragma once

#include <algorithm>
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

template <typename T, typename Less>
void mergeSort(std::vector<T>& v, const Less& less) {
  std::vector<T> merged(v.size());
  for (std::size_t width = 1; width < v.size(); width *= 2) {
    for (std::size_t lo = 0; lo < v.size(); lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, v.size()),
                        hi = std::min(lo + 2 * width, v.size());
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        merged[k++] = less(v[j], v[i]) ? std::move(v[j++]) : std::move(v[i++]);
      while (i < mid) merged[k++] = std::move(v[i++]);
      while (j < hi) merged[k++] = std::move(v[j++]);
    }
    v.swap(merged);
  }
}

}  // namespace netready
