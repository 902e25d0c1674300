#pragma once

#include "web/request/job_kinds.h"
#include "web/request/navigation.h"
#include "web/request/router.h"
#include "web/request/timers.h"

namespace guichet::web {

// What a feature fills when the application starts.
struct Installation {
    Router& routes;
    Navigation& navigation;
    MailKinds& mails;
    JobKinds& jobs;
    Timers& timers;
};

// One feature area of the portal (web/<feature>/): it owns its handlers and the services they call, and at start-up
// registers its routes (each with its access policy), its menu entries and home-page blocks, the mails it sends and
// the background jobs and timers it offers.
// Adding one is a new folder and one line where the application is assembled (app/web_wiring.cpp); it never edits
// another feature or a central list.
class Feature {
  public:
    virtual ~Feature() = default;
    virtual void install(Installation& site) = 0;
};

}  // namespace guichet::web
