#pragma once

#include <mutex>
#include <utility>

#include "core/unit_of_work.h"

namespace guichet::core::testing {

template <class Derived, class Transaction>
class InMemoryWorkFor : public UnitOfWork<Transaction> {
  public:
    [[nodiscard]] Status write(const std::function<Status(Transaction&)>& work) override {
        return static_cast<Derived&>(*this).run(true, [&](Transaction& tx) { return work(tx); });
    }
    [[nodiscard]] Status read(const std::function<Status(Transaction&)>& work) override {
        return static_cast<Derived&>(*this).run(false, [&](Transaction& tx) { return work(tx); });
    }
};

// Units of work on state held in memory, for the domain tests, as storage/ gives them on a database: a write works on
// a copy of the state that replaces it only when the work succeeds, so a failed use case leaves nothing behind.
// `Tx` is the class that hands out the in-memory stores on a `State&`; it implements every `Transactions` interface
// this object serves. Writes are serialised, as SQLite's write lock does. Thread-safe.
template <class State, class Tx, class... Transactions>
class InMemoryUnitOfWork : public InMemoryWorkFor<InMemoryUnitOfWork<State, Tx, Transactions...>, Transactions>... {
  public:
    // Runs work on a copy of the state; keeps the copy when `keep` and the work succeeded.
    template <class Work>
    Status run(bool keep, Work&& work) {
        std::lock_guard lock(m_mutex);
        State copy = m_state;
        Tx tx(copy);
        Status status = std::forward<Work>(work)(tx);
        if (status && keep) {
            m_state = std::move(copy);
            ++m_commits;
        }
        return status;
    }

    // A copy of the committed state, to look at in tests.
    [[nodiscard]] State state() const {
        std::lock_guard lock(m_mutex);
        return m_state;
    }

    // How many writes committed: a refused use case leaves this unchanged.
    [[nodiscard]] int commits() const {
        std::lock_guard lock(m_mutex);
        return m_commits;
    }

    // Changes the committed state directly (a test's set-up, or time passing for stored values).
    template <class Change>
    void change(Change&& change) {
        std::lock_guard lock(m_mutex);
        std::forward<Change>(change)(m_state);
    }

  private:
    mutable std::mutex m_mutex;
    State m_state;      // guarded by m_mutex
    int m_commits = 0;  // guarded by m_mutex
};

}  // namespace guichet::core::testing
