#pragma once

#include <spdlog/logger.h>

#include <atomic>
#include <functional>
#include <memory>

#include "core/clock.h"
#include "core/result.h"
#include "core/worker_pool.h"
#include "family/family_service.h"
#include "family/household_import.h"
#include "identity/authentication_service.h"
#include "identity/credential_service.h"
#include "identity/profile_service.h"
#include "identity/registration_service.h"
#include "identity/staff_service.h"
#include "notify/outbox_repository.h"
#include "tenancy/commune_repository.h"
#include "web/commune_directory.h"
#include "web/csrf.h"
#include "web/http.h"
#include "web/i18n.h"
#include "web/mail_composer.h"
#include "web/metrics.h"
#include "web/page_renderer.h"
#include "web/request_context.h"
#include "web/router.h"
#include "web/security_headers.h"
#include "web/static_assets.h"
#include "web/templates.h"

namespace guichet::web {

struct ApplicationOptions {
    // Largest request body a route accepts; larger ones get a 413 page. The server adapter cuts connections whose
    // body exceeds a hard cap above this.
    std::size_t max_body_bytes = 1024 * 1024;
    Transport transport = Transport::plain_http;
    std::chrono::milliseconds commune_cache_ttl{5000};
    // The portal's address as families reach it ("https://portail.example"): links in mails are built from it,
    // never from the Host header a client sends, and form posts must come from it.
    std::string public_url = "http://127.0.0.1:8080";
    // From: of every mail.
    std::string mail_from = "Guichet <no-reply@guichet.invalid>";
    // True when a mail server is configured; otherwise mails are held for administrators to read.
    bool mail_delivery = false;
};

// The identity use cases the pages call.
struct IdentityServices {
    identity::RegistrationService& registration;
    identity::AuthenticationService& authentication;
    identity::CredentialService& credentials;
    identity::ProfileService& profile;
    identity::StaffService& staff;
};

struct ApplicationDependencies {
    tenancy::CommuneRepository& communes;
    const core::Clock& clock;
    // Returns success when the database answers; /readyz reports it.
    std::function<core::Status()> readiness_probe;
    // Receives one JSON line per request (the access log) and the errors.
    std::shared_ptr<spdlog::logger> access_log;
    std::shared_ptr<spdlog::logger> error_log;
    IdentityServices identity;
    notify::OutboxRepository& outbox;
    // Runs the handlers of routes marked Execution::worker_pool.
    core::WorkerPool& slow_work;
    // The server's secret key (32 bytes), for CSRF tokens.
    std::string server_key;
    family::FamilyService& family;
    family::HouseholdImport& household_import;
};

// Receives the response of a request; may be called from another thread than the one that got the request.
using Responder = std::function<void(Response)>;

// The web application, independent of the HTTP library: turns a complete Request into a Response. Thread-safe.
class Application {
  public:
    Application(ApplicationDependencies dependencies, ApplicationOptions options);

    // Answers one request: calls respond exactly once, at once or later from the worker pool. Never throws: a
    // failure inside a handler becomes a 500 page and an error log line.
    void handle(Request request, Responder respond);

    // Answers one request and waits for the answer (tests, tools).
    [[nodiscard]] Response handle_now(const Request& request);

    // Called at shutdown: /readyz answers 503 so a load balancer stops sending traffic, and responses ask the client
    // to close the connection.
    void begin_draining() { m_draining.store(true); }

    // Called once the server knows its port, when no public URL was configured.
    void set_public_url(std::string url);

    [[nodiscard]] Metrics& metrics() { return m_metrics; }
    [[nodiscard]] notify::MailRenderer& mail_renderer() { return m_mail; }

  private:
    struct Pending;

    void add_routes();
    void add_account_routes();
    void add_profile_routes();
    void add_back_office_routes();
    void add_api_routes();

    // The request pipeline: language, limits, routing, commune, session, CSRF, access, handler.
    [[nodiscard]] Response dispatch(RequestContext& context, const Route*& route);
    [[nodiscard]] std::optional<Response> prepare(RequestContext& context, const Route& route);
    [[nodiscard]] std::optional<Response> check_access(RequestContext& context, const Route& route);
    [[nodiscard]] std::optional<Response> check_forgery(RequestContext& context);
    void resolve_session(RequestContext& context);
    void ensure_csrf(RequestContext& context);
    [[nodiscard]] Response run_handler(RequestContext& context, const Route& route);
    void finish(Pending& pending, Response response);

    // Pages and helpers.
    [[nodiscard]] Response error_page(int status, RequestContext& context, std::string_view message_key = {});
    [[nodiscard]] Response serve_asset(const Request& request) const;
    [[nodiscard]] Response readiness() const;
    [[nodiscard]] Response portal_root(RequestContext& context);
    [[nodiscard]] Response page(int status, RequestContext& context, std::string_view content_template,
                                std::string_view title_key, nlohmann::json data);
    [[nodiscard]] Response message_page(RequestContext& context, std::string_view heading_key,
                                        std::string_view message_key, nlohmann::json links);
    [[nodiscard]] Response redirect_with_flash(RequestContext& context, const std::string& location,
                                               std::string_view flash_key);
    [[nodiscard]] identity::RequestOrigin origin(const RequestContext& context) const;
    [[nodiscard]] identity::MailContext mail_context(const RequestContext& context) const;
    [[nodiscard]] Response storage_failure(RequestContext& context, const core::Error& error);
    [[nodiscard]] Language negotiate_language(RequestContext& context) const;
    void log_access(const Request& request, const std::string& route, int status, std::size_t bytes,
                    std::chrono::nanoseconds duration) const;

    // Account pages (sign-up, confirmation, sign-in, passwords).
    [[nodiscard]] Response signup_form(RequestContext& context);
    [[nodiscard]] Response signup_submit(RequestContext& context);
    [[nodiscard]] Response confirm_email_form(RequestContext& context);
    [[nodiscard]] Response confirm_email_submit(RequestContext& context);
    [[nodiscard]] Response resend_form(RequestContext& context);
    [[nodiscard]] Response resend_submit(RequestContext& context);
    [[nodiscard]] Response login_form(RequestContext& context);
    [[nodiscard]] Response login_submit(RequestContext& context);
    [[nodiscard]] Response logout(RequestContext& context);
    [[nodiscard]] Response forgot_form(RequestContext& context);
    [[nodiscard]] Response forgot_submit(RequestContext& context);
    [[nodiscard]] Response reset_form(RequestContext& context, identity::TokenPurpose purpose);
    [[nodiscard]] Response reset_submit(RequestContext& context, identity::TokenPurpose purpose);

    // The signed-in parent's pages.
    [[nodiscard]] Response home(RequestContext& context);
    [[nodiscard]] Response account_page(RequestContext& context, const nlohmann::json& forms);
    [[nodiscard]] Response change_username(RequestContext& context);
    [[nodiscard]] Response change_email(RequestContext& context);
    [[nodiscard]] Response change_password(RequestContext& context);
    [[nodiscard]] Response confirm_new_email_form(RequestContext& context);
    [[nodiscard]] Response confirm_new_email_submit(RequestContext& context);
    [[nodiscard]] Response contact_form(RequestContext& context);
    [[nodiscard]] Response contact_submit(RequestContext& context);
    [[nodiscard]] Response my_data(RequestContext& context, nlohmann::json form);
    [[nodiscard]] Response data_export(RequestContext& context);
    [[nodiscard]] Response closure_submit(RequestContext& context);

    // The back office.
    [[nodiscard]] Response agents_home(RequestContext& context);
    [[nodiscard]] Response agents_accounts(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response agents_create(RequestContext& context);
    [[nodiscard]] Response agents_change_role(RequestContext& context);
    [[nodiscard]] Response agents_mails(RequestContext& context);
    [[nodiscard]] Response agents_mail(RequestContext& context);
    [[nodiscard]] Response agents_closures(RequestContext& context);
    [[nodiscard]] Response agents_close(RequestContext& context);

    // Families: the parent's side, then the agents' back office.
    void add_family_routes();
    void add_family_office_routes();
    [[nodiscard]] Response link_childcare_key(RequestContext& context);
    [[nodiscard]] Response family_page(RequestContext& context, nlohmann::json forms, int status);
    [[nodiscard]] Response child_page(RequestContext& context);
    [[nodiscard]] Response family_add_authorised(RequestContext& context);
    [[nodiscard]] Response family_remove_authorised(RequestContext& context);
    [[nodiscard]] Response family_contact(RequestContext& context);
    [[nodiscard]] nlohmann::json family_summary(RequestContext& context);
    [[nodiscard]] Response office_families(RequestContext& context);
    [[nodiscard]] Response office_new_household(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response office_create_household(RequestContext& context);
    [[nodiscard]] Response office_household(RequestContext& context, nlohmann::json extra, int status);
    [[nodiscard]] Response office_household_action(RequestContext& context, std::string_view action);
    [[nodiscard]] Response office_representative(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response office_letters(RequestContext& context);
    [[nodiscard]] Response office_import(RequestContext& context, nlohmann::json report, int status);
    [[nodiscard]] Response office_import_submit(RequestContext& context);
    [[nodiscard]] Response key_letters_pdf(RequestContext& context, const std::vector<family::IssuedKey>& keys,
                                           const std::string& filename);
    [[nodiscard]] core::CivilDate today(const RequestContext& context) const;

    // The JSON API.
    [[nodiscard]] Response api_me(RequestContext& context);
    [[nodiscard]] Response api_update_contact(RequestContext& context);

    ApplicationDependencies m_dependencies;
    ApplicationOptions m_options;
    Catalogue m_catalogue;
    Templates m_templates;
    StaticAssets m_assets;
    PageRenderer m_pages;
    CommuneDirectory m_directory;
    MailComposer m_mail;
    CsrfGuard m_csrf;
    Router m_router;
    Metrics m_metrics;
    std::atomic<bool> m_draining{false};
};

}  // namespace guichet::web
