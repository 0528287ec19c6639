// apibind::cli::command_tree<Endpoints>: the commands of a command-line client, derived from a
// type list of endpoint descriptors (boost::mp11::mp_list<E...>). An endpoint's command words are
// its path's segments with '_' written '-' ("/acs/users/list" -> `acs users list`); `{parameter}`
// segments are left out (they are flags). Leading words that several endpoints share are groups.
//
//   using tree = apibind::cli::command_tree<my_api::endpoints>;
//   auto m = tree::find(line.words);
//   if (m.kind == tree::found::command)
//       return tree::visit(m.index, [&](auto e) { using E = typename decltype(e)::type; ... });
#ifndef APIBIND_CLI_COMMAND_TREE_HPP
#define APIBIND_CLI_COMMAND_TREE_HPP

#include <apibind/endpoint.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/utility.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apibind::cli {

// "/acs/users/list" -> {"acs", "users", "list"}.
inline std::vector<std::string> command_words(std::string_view path)
{
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        std::size_t const end = std::min(path.find('/', i), path.size());
        std::string word(path.substr(i, end - i));
        i = end;
        if (word.starts_with('{')) continue;
        std::replace(word.begin(), word.end(), '_', '-');
        words.push_back(std::move(word));
    }
    return words;
}

inline std::string join_words(std::span<std::string const> words)
{
    std::string out;
    for (auto const& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

// What is directly under a group: a command, or a group holding `commands` commands.
struct command_entry {
    std::string word;
    bool is_command = false;
    std::size_t commands = 0;
};

template <class Endpoints>
class command_tree {
public:
    static constexpr std::size_t size = boost::mp11::mp_size<Endpoints>::value;

    enum class found {
        command,  // the words name an endpoint: `index`
        group,    // the words are a prefix shared by endpoints (no words: the root)
        unknown,  // words[matched] is neither (`matched` words name a group or a command)
    };
    struct match {
        found kind = found::unknown;
        std::size_t index = 0;
        std::size_t matched = 0;
    };

    static std::string_view path(std::size_t index) noexcept { return paths_[index]; }
    static std::vector<std::string> const& words(std::size_t index) { return all_words()[index]; }

    static match find(std::span<std::string const> given)
    {
        match m;
        for (std::size_t i = 0; i < size; ++i) {
            auto const& w = all_words()[i];
            std::size_t const n = common_prefix(given, w);
            if (n == given.size() && n == w.size()) return {found::command, i, n};
            m.matched = std::max(m.matched, n);
        }
        m.kind = m.matched == given.size() ? found::group : found::unknown;
        return m;
    }

    // The entries directly under `prefix`, sorted by word.
    static std::vector<command_entry> children(std::span<std::string const> prefix)
    {
        std::vector<command_entry> out;
        for (std::size_t i = 0; i < size; ++i) {
            auto const& w = all_words()[i];
            if (w.size() <= prefix.size() || common_prefix(prefix, w) != prefix.size()) continue;
            std::string const& word = w[prefix.size()];
            bool const is_command = w.size() == prefix.size() + 1;
            auto it = std::find_if(out.begin(), out.end(),
                                   [&](command_entry const& e) { return e.word == word && e.is_command == is_command; });
            if (it == out.end()) it = out.insert(out.end(), command_entry{word, is_command, 0});
            ++it->commands;
        }
        std::sort(out.begin(), out.end(), [](command_entry const& a, command_entry const& b) {
            return a.word != b.word ? a.word < b.word : a.is_command;
        });
        return out;
    }

    // Calls f(boost::mp11::mp_identity<E>{}) for the endpoint at `index` (< size).
    template <class F>
    static decltype(auto) visit(std::size_t index, F&& f)
    {
        return boost::mp11::mp_with_index<size>(index, [&](auto i) -> decltype(auto) {
            return std::forward<F>(f)(boost::mp11::mp_identity<boost::mp11::mp_at_c<Endpoints, decltype(i)::value>>{});
        });
    }

private:
    template <class... E>
    static constexpr std::array<std::string_view, sizeof...(E)> make_paths(boost::mp11::mp_list<E...>*) noexcept
    {
        static_assert((endpoint_descriptor<E> && ...), "apibind::cli::command_tree: every element must be an endpoint descriptor");
        return {std::string_view(E::path)...};
    }
    static constexpr auto paths_ = make_paths(static_cast<boost::mp11::mp_rename<Endpoints, boost::mp11::mp_list>*>(nullptr));

    static std::vector<std::vector<std::string>> const& all_words()
    {
        static std::vector<std::vector<std::string>> const words = [] {
            std::vector<std::vector<std::string>> w;
            w.reserve(size);
            for (auto p : paths_) w.push_back(command_words(p));
            return w;
        }();
        return words;
    }

    static std::size_t common_prefix(std::span<std::string const> a, std::vector<std::string> const& b) noexcept
    {
        std::size_t n = 0;
        while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
        return n;
    }
};

}  // namespace apibind::cli

#endif
