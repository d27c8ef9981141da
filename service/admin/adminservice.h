#pragma once
// AdminService is the admin API of the running service (issue 6, common/admin/adminapi.h): the
// per-worker recorders the query path writes, the token, and the dispatch of HTTP requests to
// reports (read on the HTTP threads) and to actions run in the thread that owns their data (cache in
// each worker's thread, configuration and reload in the Application's).
#include "adminhttp.h"
#include "queryrecorder.h"

#include "admin/adminapi.h"
#include "admin/adminrequest.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace skydns::service {

class Worker;

// AdminHooks are what the Application provides; each runs in the Application's thread.
struct AdminHooks
{
    std::function<skydns::admin::Status()> status;
    std::function<skydns::admin::ConfigListing()> config;
    std::function<skydns::admin::ReloadResult()> reload;
    std::function<std::uint64_t()> generation; // the mirror's current generation
};

// AdminOptions is where the admin API listens and where its token is.
struct AdminOptions
{
    QString address;   // "host:port" (IPv4 or a name); empty: disabled
    QString tokenPath;
};

// adminOptions reads SKYDNS_ADMIN_ADDR (unset: kDefaultAddress; set but empty: disabled) and
// SKYDNS_ADMIN_TOKEN_FILE (unset: defaultTokenPath($STATE_DIRECTORY)) from env.
AdminOptions adminOptions(const QMap<QString, QString> &env);

class AdminService
{
public:
    // AdminService prepares one recorder per DNS worker (install them before the workers serve).
    explicit AdminService(std::size_t workers);
    ~AdminService();

    // recorder is worker w's recorder.
    QueryRecorder *recorder(std::size_t w) { return m_recorders[w].get(); }

    // start reads or creates the token and opens the listener; false with *error. context is the
    // Application (hooks run in its thread); workers are the DNS workers, in recorder order.
    bool start(const AdminOptions &options, QObject *context, std::vector<Worker *> workers, AdminHooks hooks,
               QString *error);
    // stop closes the listener; waiting requests are answered at once.
    void stop();

    // handle answers one request (any thread); public for tests.
    HttpResponse handle(const HttpRequest &request);

    // address is where it listens ("" when not started); epoch names this run in query log cursors.
    const QString &address() const { return m_address; }
    const std::string &epoch() const { return m_epoch; }

private:
    HttpResponse queryLog(const skydns::admin::Request &request);
    HttpResponse cacheListing(int limit);
    HttpResponse cacheFlush();
    std::vector<const QueryRecorder *> recorders() const;

    std::vector<std::unique_ptr<QueryRecorder>> m_recorders;
    std::string m_epoch;
    std::string m_token;
    QString m_address;
    QPointer<QObject> m_context;
    std::vector<QPointer<Worker>> m_workers;
    AdminHooks m_hooks;
    std::unique_ptr<AdminHttp> m_http;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_waiters{0};
};

} // namespace skydns::service
