// A move-only type-erased callable (std::move_only_function is C++23).
#ifndef APIBIND_DETAIL_UNIQUE_FUNCTION_HPP
#define APIBIND_DETAIL_UNIQUE_FUNCTION_HPP

#include <memory>
#include <type_traits>
#include <utility>

namespace apibind::detail {

template <class Signature>
class unique_function;

template <class R, class... Args>
class unique_function<R(Args...)> {
    struct base {
        virtual ~base() = default;
        virtual R invoke(Args&&... args) = 0;
    };
    template <class F>
    struct holder final : base {
        F f;
        explicit holder(F&& fn) : f(std::move(fn)) {}
        R invoke(Args&&... args) override { return f(std::forward<Args>(args)...); }
    };
    std::unique_ptr<base> impl_;

public:
    unique_function() noexcept = default;
    unique_function(std::nullptr_t) noexcept {}

    template <class F,
              class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, unique_function> &&
                                       std::is_invocable_r_v<R, std::decay_t<F>&, Args...>>>
    unique_function(F&& f) : impl_(std::make_unique<holder<std::decay_t<F>>>(std::decay_t<F>(std::forward<F>(f))))
    {
    }

    unique_function(unique_function&&) noexcept = default;
    unique_function& operator=(unique_function&&) noexcept = default;

    explicit operator bool() const noexcept { return impl_ != nullptr; }

    R operator()(Args... args) { return impl_->invoke(std::forward<Args>(args)...); }
};

}  // namespace apibind::detail

#endif
