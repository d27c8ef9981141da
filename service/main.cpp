// skydns: the DNS service. main() only wires the command line (common/config/startup.h) to the
// service; everything worth testing lives behind prepareStartup().
#include "backend/etcdclient.h"
#include "config/describe.h"
#include "config/startup.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace {

// readEtcdConfig reads /<prefix>/config once at start-up, as SkyDNS's loadEtcdV2Config does: a
// missing key or an unreachable etcd is not fatal, the flag values are used.
std::optional<QByteArray> readEtcdConfig(const skydns::config::ServiceConfig &config, const QString &key,
                                         QString *note)
{
    skydns::backend::EtcdOptions options;
    options.machines = config.machines;
    options.caCert = config.caCert;
    options.tlsCert = config.tlsPem;
    options.tlsKey = config.tlsKey;
    options.username = config.username;
    options.password = config.password;
    options.discover = config.discover;
    skydns::backend::EtcdClient client(options);
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("skydns"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const skydns::config::Startup startup = skydns::config::prepareStartup(
        QCoreApplication::arguments().mid(1), skydns::config::systemEnvironment(), readEtcdConfig, out, err);
    if (!startup.proceed)
        return startup.exitCode;

    // The DNS listeners are not written yet: show what would be served and stop with a distinct code.
    out << "skydns: effective configuration:\n"
        << skydns::config::formatConfig(startup.loaded.config, startup.loaded.sources);
    out.flush();
    err << "skydns: DNS service not implemented yet\n";
    err.flush();
    return 3;
}
