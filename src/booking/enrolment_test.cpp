#include "booking/enrolment.h"

#include <gtest/gtest.h>

namespace guichet::booking {
namespace {

const core::Instant kAt = *core::instant_from_iso_utc("2026-09-02T08:00:00Z");
const core::AccountId kAgent{7};

Enrolment in_status(EnrolmentStatus status) {
    Enrolment enrolment;
    enrolment.status = status;
    return enrolment;
}

TEST(EnrolmentSteps, FollowTheLifeOfAnEnrolmentAndRefuseEveryOtherStep) {
    struct Case {
        const char* name;
        EnrolmentStatus from;
        EnrolmentStep step;
        std::optional<EnrolmentStatus> to;  // empty: refused with err_enrolment_state
    };
    const Case cases[] = {
        {"an agent accepts a pending enrolment", EnrolmentStatus::pending, EnrolmentStep::accept,
         EnrolmentStatus::accepted},
        {"an agent refuses a pending enrolment", EnrolmentStatus::pending, EnrolmentStep::refuse,
         EnrolmentStatus::refused},
        {"the family withdraws a pending enrolment", EnrolmentStatus::pending, EnrolmentStep::withdraw,
         EnrolmentStatus::withdrawn},
        {"the family withdraws an accepted enrolment", EnrolmentStatus::accepted, EnrolmentStep::withdraw,
         EnrolmentStatus::withdrawn},
        {"an accepted enrolment is not accepted twice", EnrolmentStatus::accepted, EnrolmentStep::accept, {}},
        {"an accepted enrolment is not refused afterwards", EnrolmentStatus::accepted, EnrolmentStep::refuse, {}},
        {"a refused enrolment stays refused", EnrolmentStatus::refused, EnrolmentStep::accept, {}},
        {"a refused enrolment is not withdrawn", EnrolmentStatus::refused, EnrolmentStep::withdraw, {}},
        {"a withdrawn enrolment is not accepted", EnrolmentStatus::withdrawn, EnrolmentStep::accept, {}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const auto after = advance(in_status(c.from), c.step, kAgent, kAt, "Dossier incomplet");
        if (!c.to) {
            ASSERT_FALSE(after.has_value());
            EXPECT_EQ(after.error().code, core::ErrorCode::conflict);
            EXPECT_EQ(after.error().key, "err_enrolment_state");
            continue;
        }
        ASSERT_TRUE(after.has_value()) << core::describe(after.error());
        EXPECT_EQ(after->status, *c.to);
        EXPECT_EQ(after->decided_by, kAgent);
        EXPECT_EQ(after->decided_at, kAt);
        EXPECT_EQ(after->active(), *c.to == EnrolmentStatus::accepted);
    }
}

TEST(EnrolmentSteps, ARefusalSaysWhyToTheFamily) {
    const auto silent = advance(in_status(EnrolmentStatus::pending), EnrolmentStep::refuse, kAgent, kAt, "   ");
    ASSERT_FALSE(silent.has_value());
    EXPECT_EQ(silent.error().key, "err_enrolment_reason");
    EXPECT_EQ(silent.error().field, "reason");
    const auto said =
        advance(in_status(EnrolmentStatus::pending), EnrolmentStep::refuse, kAgent, kAt, "  Plus de place en CP. ");
    ASSERT_TRUE(said.has_value());
    EXPECT_EQ(said->refusal_reason, "Plus de place en CP.");
}

TEST(EnrolmentStatusNames, ReadBackWhatTheyWrite) {
    for (EnrolmentStatus status :
         {EnrolmentStatus::pending, EnrolmentStatus::accepted, EnrolmentStatus::refused, EnrolmentStatus::withdrawn}) {
        EXPECT_EQ(enrolment_status_from_name(enrolment_status_name(status)), status);
    }
    EXPECT_FALSE(enrolment_status_from_name("booked").has_value());
}

}  // namespace
}  // namespace guichet::booking
