// Reads one top-level member of a JSON object held as text, without a parser: a tagged union's
// unrecognised alternative answers tag_value() from the raw object it keeps.
#ifndef APIBIND_JSON_DETAIL_MEMBER_TEXT_HPP
#define APIBIND_JSON_DETAIL_MEMBER_TEXT_HPP

#include <cstddef>
#include <string_view>

namespace apibind::json::detail {

class member_scanner {
public:
    explicit member_scanner(std::string_view text) noexcept : s_(text) {}

    // The value of the last top-level member named `key` when it is a string (its body as written,
    // escapes left as they are) or a boolean ("true" / "false"); empty otherwise, or when the text
    // is not an object. Malformed text stops the scan: it never reads out of bounds.
    std::string_view find(std::string_view key) noexcept
    {
        std::string_view found;
        ws();
        if (!eat('{')) return {};
        ws();
        if (eat('}')) return {};
        for (;;) {
            std::string_view k;
            if (!string_body(k)) return found;
            ws();
            if (!eat(':')) return found;
            ws();
            if (k == key) {
                if (peek() == '"') {
                    std::string_view v;
                    if (!string_body(v)) return found;
                    found = v;
                } else if (word("true")) {
                    found = "true";
                } else if (word("false")) {
                    found = "false";
                } else {
                    found = {};  // the last occurrence wins, even when it is not a tag value
                    if (!skip_value()) return found;
                }
            } else if (!skip_value()) {
                return found;
            }
            ws();
            if (eat(',')) {
                ws();
                continue;
            }
            return found;
        }
    }

private:
    char peek() const noexcept { return i_ < s_.size() ? s_[i_] : '\0'; }
    bool eat(char c) noexcept
    {
        if (peek() != c) return false;
        ++i_;
        return true;
    }
    void ws() noexcept
    {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }
    bool word(std::string_view w) noexcept
    {
        if (s_.substr(i_, w.size()) != w) return false;
        i_ += w.size();
        return true;
    }
    // At a '"': the body up to the closing quote.
    bool string_body(std::string_view& body) noexcept
    {
        if (!eat('"')) return false;
        std::size_t const start = i_;
        while (i_ < s_.size() && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
        if (i_ >= s_.size()) return false;
        body = s_.substr(start, i_ - start);
        ++i_;
        return true;
    }
    // Any value, nested ones by a depth count (no recursion).
    bool skip_value() noexcept
    {
        std::size_t depth = 0;
        do {
            char const c = peek();
            if (c == '\0') return false;
            if (c == '"') {
                std::string_view ignored;
                if (!string_body(ignored)) return false;
            } else if (c == '{' || c == '[') {
                ++depth;
                ++i_;
            } else if (c == '}' || c == ']') {
                if (depth == 0) return false;
                --depth;
                ++i_;
            } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                return false;  // an empty value
            } else {
                ++i_;  // scalars, separators inside containers
                if (depth == 0) {
                    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && s_[i_] != ' ' &&
                           s_[i_] != '\t' && s_[i_] != '\n' && s_[i_] != '\r')
                        ++i_;
                }
            }
        } while (depth > 0);
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace apibind::json::detail

#endif
