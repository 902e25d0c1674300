#include "app/error_text.h"

#include "web/view/embedded_files.h"
#include "web/view/i18n.h"

namespace guichet::app {

std::string error_text(const core::Error& error) {
    static const web::Catalogue catalogue(web::embedded_files());
    std::string text = catalogue.text(web::Language::fr, error);
    const bool operator_input = error.code == core::ErrorCode::invalid_input || error.code == core::ErrorCode::conflict;
    if (!operator_input && !error.detail.empty()) {
        text += " (" + error.detail + ")";
    }
    return text;
}

int report_error(const core::Error& error, std::ostream& err) {
    err << "error";
    if (!error.field.empty()) {
        err << " (" << error.field << ")";
    }
    err << ": " << error_text(error) << "\n";
    return error.code == core::ErrorCode::invalid_input || error.code == core::ErrorCode::conflict ? 2 : 1;
}

}  // namespace guichet::app
