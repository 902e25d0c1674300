#include "notify/smtp_transport.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <mutex>

namespace guichet::notify {
namespace {

void ensure_curl_initialised() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string base64(std::string_view bytes) {
    std::string encoded(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    encoded.resize(encoded.size() - 1);
    return encoded;
}

std::string rfc5322_date() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
    return buffer;
}

std::string message_id(const std::string& from) {
    unsigned char random[16];
    randombytes_buf(random, sizeof random);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, random, sizeof random);
    const std::string address = bare_address(from);
    const auto at = address.find('@');
    return fmt::format("<{}@{}>", hex, at == std::string::npos ? std::string("guichet.local") : address.substr(at + 1));
}

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    void operator()(curl_mime* mime) const { curl_mime_free(mime); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

curl_slist* append(curl_slist* list, const std::string& line) {
    return curl_slist_append(list, line.c_str());
}

}  // namespace

std::string bare_address(const std::string& mailbox) {
    const auto open = mailbox.rfind('<');
    const auto close = mailbox.rfind('>');
    if (open != std::string::npos && close != std::string::npos && close > open) {
        return mailbox.substr(open + 1, close - open - 1);
    }
    return mailbox;
}

std::string encode_header_value(const std::string& value) {
    std::string clean;
    for (char c : value) {
        if (c != '\r' && c != '\n') {
            clean.push_back(c);
        }
    }
    const bool ascii =
        std::all_of(clean.begin(), clean.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        return clean;
    }
    // Encoded words of at most 45 bytes of text each (60 base64 characters), cut between UTF-8 sequences.
    std::string encoded;
    std::size_t start = 0;
    while (start < clean.size()) {
        std::size_t end = std::min(start + 45, clean.size());
        while (end > start + 1 && end < clean.size() && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) {
            --end;
        }
        if (!encoded.empty()) {
            encoded += "\r\n ";
        }
        encoded += "=?UTF-8?B?" + base64(std::string_view(clean).substr(start, end - start)) + "?=";
        start = end;
    }
    return encoded;
}

SmtpTransport::SmtpTransport(SmtpSettings settings) : m_settings(std::move(settings)) {
    ensure_curl_initialised();
}

TransportResult SmtpTransport::send(const RenderedMail& mail) {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        return {DeliveryOutcome::temporary_failure, "curl_easy_init failed"};
    }
    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, m_settings.url.c_str());
    const std::string from_address = fmt::format("<{}>", bare_address(mail.from));
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from_address.c_str());
    std::unique_ptr<curl_slist, CurlDeleter> recipients(append(nullptr, fmt::format("<{}>", bare_address(mail.to))));
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    if (!m_settings.username.empty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, m_settings.username.c_str());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, m_settings.password.c_str());
    }
    const long tls = m_settings.tls == SmtpTls::none       ? CURLUSESSL_NONE
                     : m_settings.tls == SmtpTls::required ? CURLUSESSL_ALL
                                                           : CURLUSESSL_TRY;
    curl_easy_setopt(handle, CURLOPT_USE_SSL, tls);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(m_settings.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);

    curl_slist* headers = nullptr;
    headers = append(headers, "Date: " + rfc5322_date());
    headers = append(headers, "From: " + encode_header_value(mail.from));
    headers = append(headers, "To: " + encode_header_value(bare_address(mail.to)));
    if (!mail.reply_to.empty()) {
        headers = append(headers, "Reply-To: " + encode_header_value(mail.reply_to));
    }
    headers = append(headers, "Subject: " + encode_header_value(mail.subject));
    headers = append(headers, "Message-ID: " + message_id(mail.from));
    headers = append(headers, "Auto-Submitted: auto-generated");
    std::unique_ptr<curl_slist, CurlDeleter> header_list(headers);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get());

    std::unique_ptr<curl_mime, CurlDeleter> mime(curl_mime_init(handle));
    curl_mime* alternative = curl_mime_init(handle);
    curl_mimepart* text = curl_mime_addpart(alternative);
    curl_mime_data(text, mail.text.data(), mail.text.size());
    curl_mime_type(text, "text/plain; charset=utf-8");
    curl_mime_encoder(text, "quoted-printable");
    curl_mimepart* html = curl_mime_addpart(alternative);
    curl_mime_data(html, mail.html.data(), mail.html.size());
    curl_mime_type(html, "text/html; charset=utf-8");
    curl_mime_encoder(html, "quoted-printable");
    curl_mimepart* body = curl_mime_addpart(mime.get());
    curl_mime_subparts(body, alternative);  // the body part now owns `alternative`
    curl_mime_type(body, "multipart/alternative");
    std::unique_ptr<curl_slist, CurlDeleter> part_headers(curl_slist_append(nullptr, "Content-Disposition: inline"));
    curl_mime_headers(body, part_headers.release(), 1);
    curl_easy_setopt(handle, CURLOPT_MIMEPOST, mime.get());

    const CURLcode result = curl_easy_perform(handle);
    long response = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response);
    if (result == CURLE_OK) {
        return {DeliveryOutcome::delivered, {}};
    }
    std::string error = std::string(curl_easy_strerror(result)) + " (SMTP " + std::to_string(response) + ")";
    const bool permanent = response >= 500 && response < 600;
    return {permanent ? DeliveryOutcome::permanent_failure : DeliveryOutcome::temporary_failure, error};
}

}  // namespace guichet::notify
