// smallSort and mergeSort (util/small_sort.h) against std::stable_sort: same order, ties kept.
#include "util/small_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

namespace netready {
namespace {

TEST(SmallSort, BothSortStablyAsStdStableSort) {
  std::mt19937 rng(7);
  for (int size : {0, 1, 2, 3, 7, 8, 9, 64, 100, 1000}) {
    std::vector<std::pair<int, int>> v;  // key, original place
    for (int i = 0; i < size; ++i) v.emplace_back(static_cast<int>(rng() % 5), i);
    auto byKey = [](const auto& a, const auto& b) { return a.first < b.first; };
    auto expected = v;
    std::stable_sort(expected.begin(), expected.end(), byKey);
    auto small = v, merged = v;
    smallSort(small, byKey);
    mergeSort(merged, byKey);
    EXPECT_EQ(small, expected) << size;
    EXPECT_EQ(merged, expected) << size;
  }
}

}  // namespace
}  // namespace netready
