#include "web/view/static_assets.h"

#include "web/http/content_hash.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

TEST(StaticAssets, NamesCarryAContentHashAndOnlyPublicFoldersAreServed) {
    const std::vector<EmbeddedFile> files = {
        {"css/app.css", "body{}"},
        {"img/logo.svg", "<svg/>"},
        {"templates/layout.mustache", "secret layout"},
    };
    const StaticAssets assets(files);
    const std::string css = assets.url_for("css/app.css");
    EXPECT_EQ(css, "/assets/css/app." + short_content_hash("body{}") + ".css");
    const StaticAsset* found = assets.find_by_url(css);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->content_type, "text/css; charset=utf-8");
    EXPECT_EQ(found->bytes, "body{}");
    EXPECT_EQ(assets.url_for("templates/layout.mustache"), "");
    EXPECT_EQ(assets.find_by_url("/assets/css/app.css"), nullptr);
}

TEST(StaticAssets, ChangedContentGetsANewName) {
    const StaticAssets before(std::vector<EmbeddedFile>{{"css/app.css", "body{}"}});
    const StaticAssets after(std::vector<EmbeddedFile>{{"css/app.css", "body{color:red}"}});
    EXPECT_NE(before.url_for("css/app.css"), after.url_for("css/app.css"));
    EXPECT_EQ(short_content_hash("x").size(), 12u);
}

TEST(StaticAssets, ContentTypesFollowTheExtension) {
    EXPECT_EQ(content_type_for("js/app.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("img/logo.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("x.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace guichet::web
