// Shared: one value owned by every copy (core's and the adapters' std::shared_ptr).
#include "netready/shared.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace netready {
namespace {

struct Counted {
  explicit Counted(int* destroyed, std::string name)
      : destroyed(destroyed), name(std::move(name)) {}
  ~Counted() { ++*destroyed; }
  int* destroyed;
  std::string name;
};

TEST(Shared, CopiesSeeOneValueDestroyedWithTheLastCopy) {
  int destroyed = 0;
  {
    Shared<Counted> a = Shared<Counted>::make(&destroyed, "op");
    Shared<Counted> b = a;
    b->name = "renamed";
    EXPECT_EQ(a->name, "renamed");
    a = Shared<Counted>();
    EXPECT_FALSE(a);
    EXPECT_EQ(destroyed, 0);
    Shared<Counted> c = std::move(b);
    EXPECT_FALSE(b);  // NOLINT: moved-from is empty
    EXPECT_EQ((*c).name, "renamed");
    Shared<Counted>& same = c;
    c = same;  // self-assignment keeps it
    EXPECT_EQ(destroyed, 0);
  }
  EXPECT_EQ(destroyed, 1);
}

TEST(Shared, MakeValueInitialises) {
  Shared<bool> flag = Shared<bool>::make();
  EXPECT_FALSE(*flag);
  *flag = true;
  Shared<bool> other = flag;
  EXPECT_TRUE(*other);
}

}  // namespace
}  // namespace netready
