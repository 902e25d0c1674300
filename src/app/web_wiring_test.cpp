// The application as `serve` assembles it: every link the features register leads to a route, every mail kind
// renders in both languages with its link, and a feature's pages answer through the whole pipeline.
#include "app/web_wiring.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/runtime.h"
#include "core/system_clock.h"
#include "storage/server_key.h"

namespace guichet::app {
namespace {

class WebWiringTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_folder = std::filesystem::temp_directory_path() / ("guichet-wiring-" + std::to_string(::getpid()));
        std::filesystem::create_directories(m_folder);
        m_config.database = (m_folder / "wiring.db").string();
        auto database = open_migrated_database(m_config, m_clock);
        ASSERT_TRUE(database.has_value()) << core::describe(database.error());
        m_database = std::move(*database);
        m_services = std::make_unique<Services>(*m_database, m_clock, m_config, std::string(32, 'k'));
        tenancy::NewCommune commune;
        commune.slug = "chanteloup-les-vignes";
        commune.name = "Chanteloup-les-Vignes";
        commune.contact.email = "guichet@mairie.example";
        auto created = m_services->communes.insert(commune);
        ASSERT_TRUE(created.has_value());
        m_commune = created->id;
        m_application = build_web_application(*m_services, m_clock, m_config, make_logs("off"), m_slow_work,
                                              std::string(32, 'k'), [] { return core::Status{}; });
    }

    void TearDown() override {
        m_application.reset();
        m_services.reset();
        m_database.reset();
        std::error_code ignored;
        std::filesystem::remove_all(m_folder, ignored);
    }

    std::filesystem::path m_folder;
    Config m_config;
    core::SystemClock m_clock;
    core::WorkerPool m_slow_work{1, 8};
    std::unique_ptr<storage::Database> m_database;
    std::unique_ptr<Services> m_services;
    std::unique_ptr<web::Application> m_application;
    core::CommuneId m_commune{0};
};

TEST_F(WebWiringTest, EveryRegisteredLinkLeadsToARoute) {
    const web::Router& router = m_application->router();
    const web::Navigation& navigation = m_application->navigation();
    std::vector<std::string> routes;
    for (const auto& entry : navigation.menu())
        routes.push_back(entry.route);
    for (const auto& tile : navigation.tiles())
        routes.push_back(tile.route);
    for (const auto& link : navigation.office_links())
        routes.push_back(link.route);
    const web::SiteLinks& links = navigation.links();
    for (const auto* route : {&links.landing, &links.accessibility, &links.logo, &links.login, &links.signup,
                              &links.logout, &links.forgot, &links.parent_home, &links.staff_home}) {
        EXPECT_FALSE(route->empty()) << "a site link no feature provides";
        routes.push_back(*route);
    }
    for (const auto* kind : m_application->mail_kinds().all()) {
        if (!kind->link_route.empty())
            routes.push_back(kind->link_route);
    }
    for (const auto& route : routes) {
        EXPECT_NE(router.find(route), nullptr) << route;
    }
    EXPECT_GE(navigation.menu().size(), 10u);
    EXPECT_FALSE(navigation.panels().empty()) << "the family block of the home page";
}

TEST_F(WebWiringTest, EveryMailKindRendersInBothLanguagesWithItsLink) {
    m_application->set_public_url("https://portail.example");
    for (const auto* kind : m_application->mail_kinds().all()) {
        for (const char* language : {"fr", "en"}) {
            SCOPED_TRACE(kind->name + " " + language);
            notify::OutboxMessage message;
            message.request = {m_commune,
                               "marie@example.fr",
                               kind->name,
                               language,
                               {{"token", "SECRET"},
                                {"first_name", "Marie"},
                                {"last_name", "Dupont"},
                                {"civility", "madame"},
                                {"key", "K7QM-3XH9-P2TD"},
                                {"role", "agent"},
                                {"change", "password"},
                                {"when_us", "1561111560000000"},
                                {"new_email", "n@x.fr"}}};
            if (kind->name == "booking_reminder") {
                message.request.variables["child_id"] = "12";
            }
            auto mail = m_application->mail_renderer().render(message);
            ASSERT_TRUE(mail.has_value()) << core::describe(mail.error());
            EXPECT_FALSE(mail->subject.empty());
            EXPECT_EQ(mail->subject.find("mail_"), std::string::npos) << "a subject's key shown instead of its text";
            EXPECT_EQ(mail->reply_to, "guichet@mairie.example");
            EXPECT_NE(mail->html.find("<html lang="), std::string::npos);
            if (!kind->link_route.empty()) {
                const web::Route* route = m_application->router().find(kind->link_route);
                ASSERT_NE(route, nullptr);
                // A link to a child's page (a reminder's) names the child; the others carry their token.
                const bool to_child = route->spec.pattern.find("{child}") != std::string::npos;
                const std::string link =
                    "https://portail.example" +
                    (to_child
                         ? m_application->router().url_for(kind->link_route,
                                                           {{"commune", "chanteloup-les-vignes"}, {"child", "12"}})
                         : m_application->router().url_for(kind->link_route, {{"commune", "chanteloup-les-vignes"}}) +
                               "?jeton=SECRET");
                EXPECT_NE(mail->text.find(link), std::string::npos) << mail->text;
            }
        }
    }
}

TEST_F(WebWiringTest, EveryJobKindHasItsTextsALinkBackAndAPageForAgentsOnly) {
    const web::Router& router = m_application->router();
    const web::Catalogue& catalogue = m_application->kit().pages.catalogue();
    const auto kinds = m_application->job_kinds().all();
    ASSERT_FALSE(kinds.empty()) << "the clé enfance letters at least";
    for (const web::JobKind* kind : kinds) {
        SCOPED_TRACE(kind->name);
        EXPECT_NE(router.find(kind->back_route), nullptr);
        for (const auto* key : {&kind->title_key, &kind->unit_key, &kind->back_label_key}) {
            EXPECT_TRUE(catalogue.has(*key)) << *key;
        }
        EXPECT_FALSE(kind->content_type.empty());
        EXPECT_FALSE(kind->download_prefix.empty());
        EXPECT_EQ(m_application->job_kinds().find(kind->name), &kind->handler);
    }
    EXPECT_NE(m_application->job_kinds().kind("key_letters"), nullptr);
    for (const char* name : {"jobs.job", "jobs.file", "office.families.export"}) {
        const web::Route* route = router.find(name);
        ASSERT_NE(route, nullptr) << name;
        EXPECT_EQ(route->spec.policy.access, web::Access::agent) << name;
    }
}

TEST_F(WebWiringTest, AnUnknownMailKindIsAnErrorNotAnEmptyMail) {
    notify::OutboxMessage message;
    message.request = {m_commune, "marie@example.fr", "no_such_kind", "fr", {}};
    const auto mail = m_application->mail_renderer().render(message);
    ASSERT_FALSE(mail.has_value());
    EXPECT_EQ(mail.error().code, core::ErrorCode::invalid_input);
}

}  // namespace
}  // namespace guichet::app
