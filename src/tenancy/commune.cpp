#include "tenancy/commune.h"

#include <cctype>

namespace guichet::tenancy {

std::string phone_uri(const std::string& phone) {
    std::string digits;
    for (char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            digits.push_back(c);
        }
    }
    if (digits.empty()) {
        return {};
    }
    const bool international = phone.find('+') != std::string::npos;
    if (international) {
        return "tel:+" + digits;
    }
    if (digits.size() == 10 && digits.front() == '0') {
        return "tel:+33" + digits.substr(1);
    }
    return "tel:" + digits;
}

}  // namespace guichet::tenancy
