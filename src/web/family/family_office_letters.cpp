// Clé enfance letters: the one letter of a representative, printed at once from his household's page, and the batch
// for every representative not yet linked, which runs as a background job (a town's 20,000 letters take a minute and
// make a file of tens of megabytes: neither belongs on a network thread nor in memory).
#include "web/family/family_office.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/time_zone.h"
#include "family/childcare_key.h"
#include "print/key_letter.h"
#include "web/http/url.h"
#include "web/view/people.h"

namespace guichet::web {
namespace {

// Keys issued per transaction, and letters drawn between two progress records.
constexpr std::size_t kLettersPerChunk = 500;

constexpr std::string_view kLettersJob = "key_letters";

}  // namespace

print::KeyLetter FamilyOffice::key_letter(const family::IssuedKey& issued, const LetterSetting& setting) const {
    const Language lang = setting.language;
    const tenancy::Commune& commune = setting.commune;
    const family::Representative& person = issued.representative;
    const identity::PostalAddress& address = issued.household.address;
    print::KeyLetter letter;
    letter.commune_name = commune.name;
    for (const std::string& line : {commune.contact.service, commune.contact.address, commune.contact.postal,
                                    commune.contact.phone, commune.contact.email}) {
        if (!line.empty())
            letter.sender_lines.push_back(line);
    }
    letter.recipient_lines = {
        display_name(std::string(identity::civility_name(person.civility)), "", "", lang, m_catalogue) + " " +
            person.first_name + " " + core::uppercase_fr(person.last_name),
        address.line};
    if (person.civility == identity::Civility::unspecified) {
        letter.recipient_lines.front() = person_name(person.first_name, person.last_name);
    }
    if (!address.complement.empty())
        letter.recipient_lines.push_back(address.complement);
    letter.recipient_lines.push_back(address.postal_code + " " + address.city);
    letter.place_and_date = commune.name + ", " + m_catalogue.text(lang, "letter_date_prefix") + " " + setting.date;
    letter.subject = m_catalogue.text(lang, "letter_subject");
    letter.salutation =
        m_catalogue.text(lang, person.civility == identity::Civility::madame     ? "letter_salutation_madame"
                               : person.civility == identity::Civility::monsieur ? "letter_salutation_monsieur"
                                                                                 : "letter_salutation_other");
    letter.paragraphs = {m_catalogue.text(lang, "letter_paragraph_1"), m_catalogue.text(lang, "letter_paragraph_2")};
    letter.key_label = m_catalogue.text(lang, "letter_key_label");
    letter.key = family::format_childcare_key(issued.key);
    letter.key_note = m_catalogue.text(lang, "letter_key_note");
    if (person.key_expires_at && setting.zone) {
        letter.key_note += fmt::format(" {} {}.", m_catalogue.text(lang, "letter_valid_until"),
                                       setting.zone->to_local(*person.key_expires_at).date().format_fr());
    }
    letter.steps_title = m_catalogue.text(lang, "letter_steps_title");
    letter.steps = {m_catalogue.text(lang, "letter_step_1"), m_catalogue.text(lang, "letter_step_2"),
                    m_catalogue.text(lang, "letter_step_3")};
    letter.portal_url = setting.portal_url;
    letter.closing_paragraphs = {m_catalogue.text(lang, "letter_help")};
    letter.signature = m_catalogue.text(lang, "letter_signature");
    letter.footer = m_catalogue.text(lang, "letter_footer");
    return letter;
}

FamilyOffice::LetterSetting FamilyOffice::letter_setting(const tenancy::Commune& commune, Language language,
                                                         std::string portal_url) const {
    auto zone = core::TimeZone::locate(commune.time_zone);
    LetterSetting setting{commune, language, {}, std::move(portal_url), std::nullopt};
    if (zone) {
        setting.date = zone->today(m_kit.clock.now()).format_fr();
        setting.zone = std::move(*zone);
    }
    return setting;
}

Response FamilyOffice::key_letter_pdf(RequestContext& context, const family::IssuedKey& issued) {
    const LetterSetting setting =
        letter_setting(context.commune->commune, context.language, m_kit.public_url + context.url("portal.landing"));
    Response response{200, {}, print::render_key_letters({key_letter(issued, setting)})};
    response.headers.set("Content-Type", "application/pdf");
    response.headers.set("Content-Disposition",
                         "attachment; filename=\"cle-enfance-" + issued.household.reference + ".pdf\"");
    return response;
}

Response FamilyOffice::office_letters(RequestContext& context) {
    auto unlinked = m_family.count_unlinked(context.commune_id());
    if (!unlinked)
        return storage_failure(context, unlinked.error());
    if (*unlinked == 0) {
        return redirect_with_flash(context, context.url("office.families"), "msg_no_letters");
    }
    // What the letters need from this request; the job reads the commune again when it runs.
    const nlohmann::json parameters = {{"commune", context.commune_slug()},
                                       {"portal_url", m_kit.public_url + context.url("portal.landing")}};
    auto queued = m_jobs.queue({context.commune_id(), std::string(kLettersJob), context.signed_in->account.id,
                                std::string(language_code(context.language)), parameters.dump()});
    if (!queued) {
        const auto running = parse_id(queued.error().param("job"));
        if (queued.error().key == "err_job_already_active" && running) {
            return redirect_with_flash(context, context.url("jobs.job", {{"job", std::to_string(*running)}}),
                                       "msg_letters_already_running");
        }
        return storage_failure(context, queued.error());
    }
    return redirect_with_flash(context, context.url("jobs.job", {{"job", std::to_string(queued->id.value())}}),
                               "msg_letters_queued");
}

core::Result<long long> FamilyOffice::run_letters_job(const jobs::Job& job, jobs::JobContext& context) {
    const auto parameters = nlohmann::json::parse(job.parameters, nullptr, false);
    if (!parameters.is_object() || !parameters.value("commune", nlohmann::json()).is_string() ||
        !parameters.value("portal_url", nlohmann::json()).is_string()) {
        return core::fail(core::make_error(core::ErrorCode::internal, "err_job_failed").with_detail("bad parameters"));
    }
    GUICHET_TRY(entry, m_kit.communes.find(parameters["commune"].get<std::string>()));
    if (!entry || entry->commune.id != job.commune) {
        return core::fail(core::ErrorCode::not_found, "error_not_found");
    }
    const LetterSetting setting =
        letter_setting(entry->commune, language_from_code(job.language).value_or(Language::fr),
                       parameters["portal_url"].get<std::string>());
    GUICHET_TRY(expected, m_family.count_unlinked(job.commune));
    GUICHET_TRY_STATUS(context.progress(0, expected));
    print::KeyLetterWriter writer(context.output());
    core::RepresentativeId after{0};
    long long written = 0;
    for (;;) {
        if (context.stopping()) {
            return core::fail(core::ErrorCode::unavailable, "err_job_interrupted");
        }
        // One transaction per chunk, committed before its letters are drawn: the keys are stored (as digests)
        // before they are printed, and a failure later costs only the keys of the letters not yet printed, which
        // the next batch replaces.
        GUICHET_TRY(chunk, m_family.issue_keys_for_unlinked(job.commune, job.requested_by, after, kLettersPerChunk));
        if (chunk.empty()) {
            break;
        }
        for (const family::IssuedKey& issued : chunk) {
            writer.add(key_letter(issued, setting));
        }
        after = chunk.back().representative.id;
        written += static_cast<long long>(chunk.size());
        GUICHET_TRY_STATUS(context.progress(written, std::max(expected, written)));
    }
    if (written == 0) {
        return 0;  // everybody linked meanwhile: nothing to print
    }
    writer.finish();
    return written;
}

void FamilyOffice::add_job_kinds(Installation& site) {
    site.jobs.add({std::string(kLettersJob), "job_key_letters_title", "job_key_letters_unit", "office.families",
                   "agents_families_back", "cles-enfance", "application/pdf",
                   jobs::JobHandler{"pdf", [this](const jobs::Job& job, jobs::JobContext& context) {
                                        return run_letters_job(job, context);
                                    }}});
}

}  // namespace guichet::web
