#pragma once

#include "catalog/catalog.h"

namespace guichet::catalog::testing {

// A small catalogue with the real 2025-2026 calendar of zone C (Chanteloup-les-Vignes), for the domain tests:
// sites 1 (école Roger Salengro), 2 (école Paul Éluard) and 3 (centre de loisirs); activities 1 apps-matin (Mon,
// Tue, Thu, Fri at both schools), 2 mercredi (Wed at the centre), 3 vacances (holiday sessions); one session of the
// Toussaint 2025, week 1, at the centre; a closure of apps-matin at école Roger Salengro on 12 March 2026.
[[nodiscard]] Catalog zone_c_catalog();

}  // namespace guichet::catalog::testing
