// skydns: the DNS service. main() only wires the command line (common/config/startup.h) to the
// Application (service/application.h); everything worth testing lives behind those two.
#include "application.h"
#include "command.h"

#include "backend/etcdclient.h"
#include "config/describe.h"
#include "config/etcd3config.h"
#include "config/etcdoptions.h"
#include "config/startup.h"
#include "platform/servicehost.h"

#include <QCoreApplication>
#include <QTextStream>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace {

// readEtcdConfig reads /<prefix>/config once at start-up, as SkyDNS's loadEtcdV2Config does: a
// missing key or an unreachable etcd is not fatal, the flag values are used.
std::optional<QByteArray> readEtcdConfig(const skydns::config::ServiceConfig &config, const QString &key,
                                         QString *note)
{
    if (config.etcd3) { // -etcd3: /<prefix>/config is a v3 key
        bool unreachable = false;
        QString error;
        auto json = skydns::config::readEtcd3Config(config, key.toStdString(), &unreachable, &error);
        if (!json)
            *note = unreachable ? QStringLiteral("falling back to default configuration, could not read %1 (etcd v3): %2")
                                      .arg(key, error)
                                : QStringLiteral("no %1 in etcd (v3), using flags and environment").arg(key);
        return json;
    }
    skydns::backend::EtcdClient client(skydns::config::etcdOptions(config));
    const skydns::backend::EtcdResult result = client.get(key.toStdString());
    if (result.ok() && !result.node.dir)
        return QByteArray::fromStdString(result.node.value);
    if (result.notFound())
        *note = QStringLiteral("no %1 in etcd, using flags and environment").arg(key);
    else
        *note = QStringLiteral("falling back to default configuration, could not read %1: %2")
                    .arg(key, QString::fromStdString(result.message));
    return std::nullopt;
}

// runSkydns is the whole program; main() below only decides who calls it.
int runSkydns(int argc, char **argv)
{
    qSetMessagePattern(QStringLiteral("skydns: %{if-warning}warning: %{endif}%{if-critical}error: %{endif}%{message}"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("skydns"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QStringList args = QCoreApplication::arguments().mid(1);
    const skydns::config::Environment env = skydns::config::systemEnvironment();
    if (skydns::service::isCommandLine(args))
        return skydns::service::runCommandLine(args, env, out, err);
    const skydns::config::Startup startup = skydns::config::prepareStartup(args, env, readEtcdConfig, out, err);
    if (!startup.proceed)
        return startup.exitCode;

    out << "skydns: effective configuration:\n"
        << skydns::config::formatConfig(startup.loaded.config, startup.loaded.sources);
    out.flush();
    // SKYDNS_CHECK_CONFIG=1: stop after printing the configuration (exit 3), for scripts and tests.
    if (env.value(QStringLiteral("SKYDNS_CHECK_CONFIG")) == QLatin1String("1")) {
        err << "skydns: configuration checked, not starting (SKYDNS_CHECK_CONFIG=1)\n";
        err.flush();
        return 3;
    }

    skydns::service::Application service(startup.loaded, args, env);
    QString error;
    if (!service.start(&error)) {
        err << "skydns: " << error << "\n";
        err.flush();
        return 1;
    }
    const int rc = QCoreApplication::exec();
    // Shutting down must not hang on a stuck etcd request or upstream exchange: the event loop is
    // done, so give the destructors a few seconds and then leave anyway.
    std::thread([] {
        std::this_thread::sleep_for(std::chrono::seconds(5));
        std::_Exit(0);
    }).detach();
    return rc;
}

} // namespace

#ifdef Q_OS_WIN
// Started by the SCM, the service must answer it through its dispatcher (common/platform/servicehost.h);
// started from a console, runServiceHost just calls runSkydns.
int main(int argc, char **argv)
{
    return skydns::platform::runServiceHost(argc, argv, runSkydns);
}
#else
int main(int argc, char **argv)
{
    return runSkydns(argc, argv);
}
#endif
