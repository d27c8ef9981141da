#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTcpServer>

#include <functional>

namespace skydns::service {

// MetricsServer is the Prometheus endpoint (spec 10): a minimal HTTP/1.0-style server answering
// GET <path> with the text exposition format (0.0.4), 404 for other paths; one request per
// connection. SkyDNS listens on ":<PROMETHEUS_PORT>" (every interface), and so do we.
class MetricsServer final : public QObject
{
    Q_OBJECT
public:
    MetricsServer(QString path, std::function<QByteArray()> render, QObject *parent = nullptr);

    // listen opens the port on every interface; false with *error when it cannot.
    bool listen(quint16 port, QString *error);
    // port is the port listened on (useful when 0 was asked for).
    quint16 port() const { return m_server.serverPort(); }

private:
    void accept();

    QString m_path;
    std::function<QByteArray()> m_render;
    QTcpServer m_server;
};

} // namespace skydns::service
