// Callback: what core calls back through instead of std::function.
#include "netready/callback.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace netready {
namespace {

TEST(Callback, EmptyUntilGivenACallable) {
  Callback<void()> none;
  EXPECT_FALSE(none);
  EXPECT_TRUE(none == nullptr);
  Callback<int(int)> twice = [](int x) { return 2 * x; };
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice(21), 42);
  twice = nullptr;
  EXPECT_FALSE(twice);
}

TEST(Callback, CopiesShareTheCallableWhichDiesWithTheLastOne) {
  auto alive = std::make_shared<int>(7);
  std::weak_ptr<int> watch = alive;
  Callback<int()> a = [alive]() { return *alive; };
  alive.reset();
  Callback<int()> b = a;  // shares
  EXPECT_EQ(a(), 7);
  a = nullptr;
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(b(), 7);
  Callback<int()> c = std::move(b);
  EXPECT_FALSE(b);  // NOLINT: moved-from is empty, as std::function's in libc++ and libstdc++
  c = nullptr;
  EXPECT_TRUE(watch.expired());
}

TEST(Callback, TakesMoveOnlyCallablesAndForwardsArguments) {
  auto owned = std::make_unique<std::string>("relay");
  Callback<std::string(const std::string&, std::string&&)> f =
      [p = std::move(owned)](const std::string& a, std::string&& b) { return *p + a + b; };
  std::string tail = "!";
  EXPECT_EQ(f(" in eu1", std::move(tail)), "relay in eu1!");
}

TEST(Callback, SelfAssignmentAndReassignmentKeepOneOwner) {
  int destroyed = 0;
  struct Counted {
    int* destroyed;
    void operator()() const {}
    ~Counted() {
      if (destroyed != nullptr) ++*destroyed;
    }
    Counted(int* d) : destroyed(d) {}
    Counted(Counted&& o) noexcept : destroyed(o.destroyed) { o.destroyed = nullptr; }
  };
  {
    Callback<void()> f = Counted(&destroyed);
    Callback<void()>& same = f;
    f = same;
    f();
    EXPECT_EQ(destroyed, 0);
    f = [] {};
    EXPECT_EQ(destroyed, 1);
  }
  EXPECT_EQ(destroyed, 1);
}

}  // namespace
}  // namespace netready
