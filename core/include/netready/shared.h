// netready::Shared<T>: one T owned by every copy, destroyed with the last; what core and the
// browser adapters share between callbacks (a run's liveness flag, an operation's state) in place
// of std::shared_ptr. libc++'s shared_ptr control block is compiled with RTTI, and its type info
// links libc++abi's dynamic_cast machinery into the module (~3 KB; issue "Fast and small").
// No weak references, no custom deleters, not thread-safe (core has no threads).
#pragma once

#include <utility>

namespace netready {

template <typename T>
class Shared {
 public:
  template <typename... A>
  static Shared make(A&&... args) {
    Shared s;
    s.cell_ = new Cell(std::forward<A>(args)...);
    return s;
  }
  Shared() = default;
  Shared(const Shared& other) : cell_(other.cell_) {
    if (cell_ != nullptr) ++cell_->refs;
  }
  Shared(Shared&& other) noexcept : cell_(other.cell_) { other.cell_ = nullptr; }
  Shared& operator=(Shared other) noexcept {
    std::swap(cell_, other.cell_);
    return *this;
  }
  ~Shared() {
    if (cell_ != nullptr && --cell_->refs == 0) delete cell_;
  }

  T& operator*() const { return cell_->value; }
  T* operator->() const { return &cell_->value; }
  explicit operator bool() const { return cell_ != nullptr; }

 private:
  struct Cell {
    template <typename... A>
    explicit Cell(A&&... args) : value(std::forward<A>(args)...) {}
    int refs = 1;
    T value;
  };
  Cell* cell_ = nullptr;
};

}  // namespace netready
