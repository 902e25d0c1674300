#include "catalog/allocation_file.h"

#include <gtest/gtest.h>

#include "catalog/catalog_file.h"

namespace guichet::catalog {
namespace {

SessionAllocation sample() {
    SessionAllocation allocation;
    allocation.mode = AllocationMode::pre_registration;
    allocation.opens_at = core::LocalDateTime::parse_iso("2026-10-01T20:00").value();
    allocation.closes_at = core::LocalDateTime::parse_iso("2026-10-08T20:00").value();
    allocation.priorities = {{Criterion::resident, 100}, {Criterion::siblings_together, 10}};
    allocation.resident_postcodes = {"78570"};
    return allocation;
}

TEST(AllocationFile, TheColumnTextReadsBackTheSameAllocation) {
    const std::string text = write_allocation(sample());
    EXPECT_EQ(text,
              R"({"mode":"pre_registration","opens_at":"2026-10-01T20:00","closes_at":"2026-10-08T20:00",)"
              R"("priorities":[{"criterion":"resident","weight":100},{"criterion":"siblings_together","weight":10}],)"
              R"("resident_postcodes":["78570"]})");
    EXPECT_EQ(read_allocation(text), sample());
    EXPECT_EQ(write_allocation(SessionAllocation{}), "");
    EXPECT_EQ(read_allocation(""), SessionAllocation{});
}

TEST(AllocationFile, FaultsAreReportedWithTheirPath) {
    struct Case {
        const char* json;
        const char* path;
    };
    const Case cases[] = {
        {R"({"mode":"lottery"})", "$.allocation.mode"},
        {R"({"mode":"pre_registration","opens_at":"2026-10-08T20:00","closes_at":"2026-10-01T20:00"})",
         "$.allocation.closes_at"},
        {R"({"mode":"pre_registration","opens_at":"2026-10-01 20:00","closes_at":"2026-10-08T20:00"})",
         "$.allocation.opens_at"},
        {R"({"mode":"pre_registration","opens_at":"2026-10-01T20:00","closes_at":"2026-10-08T20:00",)"
         R"("priorities":[{"criterion":"age","weight":3}]})",
         "$.allocation.priorities[0].criterion"},
        {R"({"mode":"pre_registration","opens_at":"2026-10-01T20:00","closes_at":"2026-10-08T20:00",)"
         R"("resident_postcodes":["7857"]})",
         "$.allocation.resident_postcodes[0]"},
    };
    for (const auto& c : cases) {
        file::FieldReader in;
        const file::Json holder = {{"allocation", file::Json::parse(c.json)}};
        EXPECT_FALSE(file::read_allocation(in, holder, "$").has_value()) << c.json;
        ASSERT_FALSE(in.errors.empty()) << c.json;
        EXPECT_EQ(in.errors.front().path, c.path) << c.json;
    }
}

}  // namespace
}  // namespace guichet::catalog
