#pragma once

#include <string>

#include "app/services.h"
#include "core/clock.h"

namespace guichet::app {

// The people of the demo commune, so that a visitor can sign in at once and see every feature: an admin and an agent
// of the town, and a parent whose account is linked to a household of two children; the other parent of that
// household has no space yet, and his clé enfance is printed so that the visitor can create one.
struct DemoPeople {
    static constexpr const char* kAdminLogin = "admin@chanteloup.demo";
    static constexpr const char* kAdminPassword = "la mairie ouvre a neuf heures";
    static constexpr const char* kAgentLogin = "agent@chanteloup.demo";
    static constexpr const char* kAgentPassword = "le guichet unique de la ville";
    static constexpr const char* kStaffLogin = "animateur@chanteloup.demo";
    static constexpr const char* kStaffPassword = "la cour de recreation est calme";
    static constexpr const char* kParentLogin = "marie.dupont";
    static constexpr const char* kParentPassword = "le chat dort sur le radiateur";

    // A fresh clé enfance of the household's second parent (empty once he has linked his own space).
    std::string second_parent_key;
};

// Creates the demo people the first time (once the commune has staff, it creates nothing more), and issues the
// second parent's key anew. The demo holds its mails, so the links they carry are followed here directly.
[[nodiscard]] core::Result<DemoPeople> ensure_demo_people(Services& services, core::CommuneId commune,
                                                          const core::Clock& clock);

// Enrols Rémi, the demo household's elder child, in the accueils du matin et du soir, the temps du repas and the
// mercredis of the school year under way (or the next one), as an agent at the guichet would, once: the catalogue
// must be loaded. Books no day: the visitor does.
[[nodiscard]] core::Status ensure_demo_enrolments(Services& services, core::CommuneId commune,
                                                  const core::Clock& clock);

}  // namespace guichet::app
