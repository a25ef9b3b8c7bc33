// A minimal expected-style result (C++20 has no std::expected): either a value or an error.
#pragma once

#include <utility>
#include <variant>

namespace bicepc::eval {

template <typename E>
struct Unexpected {
  E error;
};

template <typename E>
auto MakeUnexpected(E error) -> Unexpected<E> {
  return Unexpected<E>{std::move(error)};
}

template <typename T, typename E>
class Expected {
 public:
  // Implicit on purpose: `return value;` and `return MakeUnexpected(err);` both work.
  Expected(T value) : data_{std::in_place_index<0>, std::move(value)} {}  // NOLINT
  template <typename U>
  Expected(Unexpected<U> u) : data_{std::in_place_index<1>, E(std::move(u.error))} {}  // NOLINT

  auto ok() const -> bool { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  auto value() & -> T& { return std::get<0>(data_); }
  auto value() const& -> const T& { return std::get<0>(data_); }
  auto value() && -> T&& { return std::get<0>(std::move(data_)); }
  auto error() const& -> const E& { return std::get<1>(data_); }
  auto error() && -> E&& { return std::get<1>(std::move(data_)); }
  auto operator*() & -> T& { return value(); }
  auto operator*() const& -> const T& { return value(); }
  auto operator->() -> T* { return &value(); }
  auto operator->() const -> const T* { return &value(); }

 private:
  std::variant<T, E> data_;
};

}  // namespace bicepc::eval
