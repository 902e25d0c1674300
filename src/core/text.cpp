#include "core/text.h"

namespace guichet::core {
namespace {

// Returns the length of the UTF-8 sequence starting with this byte, or 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0;
}

// Decodes the code point at text[i] when it is well formed; returns false otherwise.
bool decode(std::string_view text, std::size_t i, char32_t& code_point, std::size_t& length) {
    const auto lead = static_cast<unsigned char>(text[i]);
    length = sequence_length(lead);
    if (length == 0 || i + length > text.size()) {
        return false;
    }
    if (length == 1) {
        code_point = lead;
        return true;
    }
    code_point = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
            return false;
        }
        code_point = (code_point << 6) | (next & 0x3F);
    }
    const char32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    return code_point >= minimum[length] && code_point <= 0x10FFFF && !(code_point >= 0xD800 && code_point <= 0xDFFF);
}

void encode(char32_t code_point, std::string& out) {
    if (code_point < 0x80) {
        out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else if (code_point < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
}

char32_t to_upper(char32_t c) {
    if (c >= U'a' && c <= U'z')
        return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 32;  // à…þ except ÷
    if (c == 0xFF)
        return 0x178;  // ÿ → Ÿ
    if (c == 0x153)
        return 0x152;  // œ → Œ
    return c;
}

}  // namespace

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        std::size_t length = 0;
        i += decode(text, i, code_point, length) ? length : 1;
        ++count;
    }
    return count;
}

bool is_clean_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        std::size_t length = 0;
        if (!decode(text, i, code_point, length)) {
            return false;
        }
        if ((code_point < 0x20 && code_point != '\t' && code_point != '\r' && code_point != '\n') ||
            code_point == 0x7F) {
            return false;
        }
        i += length;
    }
    return true;
}

std::string ascii_lowercase(std::string_view text) {
    std::string lowered(text);
    for (char& c : lowered) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return lowered;
}

std::string uppercase_fr(std::string_view text) {
    std::string upper;
    upper.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        std::size_t length = 0;
        if (!decode(text, i, code_point, length)) {
            upper.push_back(text[i]);
            ++i;
            continue;
        }
        encode(to_upper(code_point), upper);
        i += length;
    }
    return upper;
}

std::string sanitize_utf8(std::string_view text, std::size_t max_code_points) {
    std::string clean;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size() && count < max_code_points; ++count) {
        char32_t code_point = 0;
        std::size_t length = 0;
        if (decode(text, i, code_point, length) && code_point >= 0x20 && code_point != 0x7F) {
            clean.append(text.substr(i, length));
            i += length;
        } else {
            clean.append("\xEF\xBF\xBD");
            i += decode(text, i, code_point, length) ? length : 1;
        }
    }
    return clean;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string group_digits(unsigned long long value, std::string_view separator) {
    const std::string digits = std::to_string(value);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3 * separator.size());
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += separator;
        }
        out += digits[i];
    }
    return out;
}

}  // namespace guichet::core
