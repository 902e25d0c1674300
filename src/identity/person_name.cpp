#include "identity/person_name.h"

#include <glib.h>

namespace guichet::identity {
namespace {

enum class Kind { letter, mark, joiner, dot, other };

Kind kind_of(gunichar c) {
    if (c == ' ' || c == '-' || c == '\'' || c == 0x2019 /* ’ */ || c == 0x02BC /* ʼ */) {
        return Kind::joiner;
    }
    if (c == '.') {
        return Kind::dot;
    }
    switch (g_unichar_type(c)) {
        case G_UNICODE_LOWERCASE_LETTER:
        case G_UNICODE_UPPERCASE_LETTER:
        case G_UNICODE_TITLECASE_LETTER:
        case G_UNICODE_MODIFIER_LETTER:
        case G_UNICODE_OTHER_LETTER:
            return Kind::letter;
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
            return Kind::mark;
        default:
            return Kind::other;  // digits, punctuation, symbols, spaces other than U+0020, controls, format characters
    }
}

}  // namespace

std::optional<std::string> check_person_name(std::string_view name) {
    if (name.empty()) {
        return "err_required";
    }
    if (!g_utf8_validate(name.data(), static_cast<gssize>(name.size()), nullptr)) {
        return "err_name_characters";
    }
    std::size_t length = 0;
    std::size_t word_letters = 0;  // letters of the word being read
    bool initial_word = false;     // the word began right after a dot: it must be an initial too ("A.B.")
    Kind previous = Kind::joiner;  // as if a separator came before the first character
    bool letters = false;
    for (const char* p = name.data(); p < name.data() + name.size(); p = g_utf8_next_char(p)) {
        ++length;
        const Kind kind = kind_of(g_utf8_get_char(p));
        switch (kind) {
            case Kind::letter:
                if (previous == Kind::dot) {
                    word_letters = 0;
                    initial_word = true;
                }
                if (++word_letters > 1 && initial_word) {
                    return "err_name_characters";  // "a.com"
                }
                letters = true;
                break;
            case Kind::mark:
                if (previous != Kind::letter && previous != Kind::mark) {
                    return "err_name_characters";
                }
                break;
            case Kind::joiner:
                if (previous != Kind::letter && previous != Kind::mark && previous != Kind::dot) {
                    return "err_name_characters";  // at the start, or two separators in a row
                }
                if (initial_word && previous != Kind::dot) {
                    return "err_name_characters";  // "A.B Martin"
                }
                word_letters = 0;
                initial_word = false;
                break;
            case Kind::dot:
                if (word_letters != 1 || (previous != Kind::letter && previous != Kind::mark)) {
                    return "err_name_characters";  // a dot closes a one-letter initial, nothing else ("evil.com")
                }
                word_letters = 0;
                initial_word = false;
                break;
            case Kind::other:
                return "err_name_characters";
        }
        previous = kind;
    }
    if (previous == Kind::joiner || !letters || (initial_word && previous != Kind::dot)) {
        return "err_name_characters";
    }
    if (length > kMaxPersonNameLength) {
        return "err_too_long";
    }
    return std::nullopt;
}

}  // namespace guichet::identity
