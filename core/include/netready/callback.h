// netready::Callback<R(Args...)>: how ports, probes and the runner call back, in place of
// std::function. Copies share the one callable (reference counted) instead of copying it, so a
// lambda costs the wasm module an invoke and a destroy function rather than std::function's
// clone, destroy, deallocate and destructor variants (issue "Fast and small"). Core never relies
// on copies having separate state: no callback lambda is `mutable`. Not thread-safe (core has no
// threads).
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace netready {

template <typename Signature>
class Callback;

template <typename R, typename... Args>
class Callback<R(Args...)> {
 public:
  Callback() = default;
  Callback(std::nullptr_t) {}  // NOLINT: as std::function
  template <typename F,
            typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback> &&
                                        std::is_invocable_r_v<R, std::decay_t<F>&, Args...>>>
  Callback(F&& f) : holder_(new Holder<std::decay_t<F>>(std::forward<F>(f))) {}  // NOLINT
  Callback(const Callback& other) : holder_(other.holder_) {
    if (holder_ != nullptr) ++holder_->refs;
  }
  Callback(Callback&& other) noexcept : holder_(other.holder_) { other.holder_ = nullptr; }
  Callback& operator=(Callback other) noexcept {
    std::swap(holder_, other.holder_);
    return *this;
  }
  ~Callback() { release(); }

  explicit operator bool() const { return holder_ != nullptr; }
  friend bool operator==(const Callback& c, std::nullptr_t) { return !c; }
  // As with std::function, a callback that may drop the Callback it runs from is called
  // through a copy (which keeps the callable alive).
  R operator()(Args... args) const { return holder_->invoke(holder_, std::forward<Args>(args)...); }

 private:
  struct Base {
    R (*invoke)(Base*, Args&&...);
    void (*destroy)(Base*);
    int refs = 1;
  };
  template <typename F>
  struct Holder : Base {
    explicit Holder(F&& fn) : Base{&call, &drop}, f(std::move(fn)) {}
    explicit Holder(const F& fn) : Base{&call, &drop}, f(fn) {}
    static R call(Base* b, Args&&... args) {
      return static_cast<Holder*>(b)->f(std::forward<Args>(args)...);
    }
    static void drop(Base* b) { delete static_cast<Holder*>(b); }
    F f;
  };
  void release() {
    if (holder_ != nullptr && --holder_->refs == 0) holder_->destroy(holder_);
    holder_ = nullptr;
  }
  Base* holder_ = nullptr;
};

}  // namespace netready
