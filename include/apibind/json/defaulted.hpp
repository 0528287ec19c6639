// apibind::json::defaulted<T>: a member the spec requires but real documents sometimes leave out
// (the fake Seam server omits `errors`; the seed's samples omit `display_name`). Absent, it holds
// T's default; it remembers that it was absent, so encoding the decoded value leaves it out again
// and the round trip stays exact. Built in code, it is present.
//
// For class types it *is* a T (vectors index, iterate and compare as usual); for scalars it
// converts to T.
#ifndef APIBIND_JSON_DEFAULTED_HPP
#define APIBIND_JSON_DEFAULTED_HPP

#include <initializer_list>
#include <type_traits>
#include <utility>

namespace apibind::json {

template <class T, bool IsClass = std::is_class_v<T> && !std::is_final_v<T>>
class defaulted;

template <class T>
class defaulted<T, true> : public T {
public:
    using value_type = T;
    using T::T;

    defaulted() = default;
    defaulted(T const& v) : T(v) {}       // NOLINT: implicit, it is a T
    defaulted(T&& v) : T(std::move(v)) {}  // NOLINT
    defaulted& operator=(T const& v)
    {
        T::operator=(v);
        present_ = true;
        return *this;
    }
    defaulted& operator=(T&& v)
    {
        T::operator=(std::move(v));
        present_ = true;
        return *this;
    }
    // Anything T itself can be assigned from (a string literal, another container type), without
    // the ambiguity between T's operators and the inherited converting constructors.
    template <class U>
        requires(!std::is_same_v<std::remove_cvref_t<U>, defaulted> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
                 std::is_assignable_v<T&, U &&>)
    defaulted& operator=(U&& v)
    {
        T::operator=(std::forward<U>(v));
        present_ = true;
        return *this;
    }
    // Containers only: for other class types (a nested struct, a union, a nullable) T has no
    // value_type, and the constraint keeps this overload out instead of breaking the class.
    template <class C = T>
        requires requires { typename C::value_type; }
    defaulted& operator=(std::type_identity_t<std::initializer_list<typename C::value_type>> list)  // not deduced
    {
        T::operator=(list);
        present_ = true;
        return *this;
    }

    T& get() noexcept { return *this; }
    T const& get() const noexcept { return *this; }
    // False only when decoded from a document that left the member out.
    bool is_present() const noexcept { return present_; }

    // For the decoder: absent members take the default (keeping capacity where T can clear).
    void set_absent()
    {
        if constexpr (requires(T& t) { t.clear(); }) T::clear();
        else T::operator=(T{});
        present_ = false;
    }
    void set_present() noexcept { present_ = true; }

private:
    bool present_ = true;
};

template <class T>
class defaulted<T, false> {
public:
    using value_type = T;

    defaulted() = default;
    defaulted(T v) : value_(std::move(v)) {}  // NOLINT: implicit, like T
    defaulted& operator=(T v)
    {
        value_ = std::move(v);
        present_ = true;
        return *this;
    }
    operator T const&() const noexcept { return value_; }  // NOLINT

    T& get() noexcept { return value_; }
    T const& get() const noexcept { return value_; }
    bool is_present() const noexcept { return present_; }
    void set_absent()
    {
        value_ = T{};
        present_ = false;
    }
    void set_present() noexcept { present_ = true; }

    friend bool operator==(defaulted const& a, defaulted const& b) { return a.value_ == b.value_; }
    friend bool operator==(defaulted const& a, T const& b) { return a.value_ == b; }

private:
    T value_{};
    bool present_ = true;
};

template <class T>
inline constexpr bool is_defaulted_v = false;
template <class T, bool C>
inline constexpr bool is_defaulted_v<defaulted<T, C>> = true;

}  // namespace apibind::json

#endif
