#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"

namespace guichet::tenancy {

// The "BESOIN D'AIDE ?" block: how families reach the town's front desk (guichet unique).
struct ContactBlock {
    std::string service;        // "Guichet unique"
    std::string address;        // "Espace Victor Hugo • 18 avenue de Poissy"
    std::string postal;         // "78570 Chanteloup-les-Vignes"
    std::string phone;          // "01 39 74 29 12", as printed
    std::string email;          // the service address, used as Reply-To of every mail
    std::string opening_hours;  // "Du lundi au vendredi : 9h-12h / 13h30-18h"
};

// An image the commune shows in the page header instead of the default logo.
struct Logo {
    std::string media_type;  // "image/png", "image/jpeg" or "image/svg+xml"
    std::string bytes;
};

// A town served by this portal (a tenant). Every row owned by a town carries its id.
struct Commune {
    core::CommuneId id{0};
    std::string slug;       // the first path segment: /chanteloup-les-vignes/
    std::string name;       // "Chanteloup-les-Vignes"
    std::string time_zone;  // IANA name, "Europe/Paris" for metropolitan France
    ContactBlock contact;
    std::optional<Logo> logo;
};

// What an operator supplies to create a commune; validated by CommuneService.
struct NewCommune {
    std::string slug;
    std::string name;
    std::string time_zone = "Europe/Paris";
    ContactBlock contact;
    std::optional<Logo> logo;
};

// Returns the phone number as a tel: URI ("01 39 74 29 12" → "tel:+33139742912"), assuming a French number when it
// has no country prefix. Returns an empty string when the text holds no digits.
[[nodiscard]] std::string phone_uri(const std::string& phone);

}  // namespace guichet::tenancy
