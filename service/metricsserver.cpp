#include "metricsserver.h"

#include <QTcpSocket>
#include <QTimer>

namespace skydns::service {

MetricsServer::MetricsServer(QString path, std::function<QByteArray()> render, QObject *parent)
    : QObject(parent), m_path(std::move(path)), m_render(std::move(render))
{
    connect(&m_server, &QTcpServer::newConnection, this, &MetricsServer::accept);
    // QTcpServer pauses after accept() fails (EMFILE...) and never resumes by itself: a scrape during
    // a descriptor shortage would otherwise end metrics for good.
    connect(&m_server, &QTcpServer::acceptError, this, [this] {
        QTimer::singleShot(100, this, [this] { m_server.resumeAccepting(); });
    });
}

bool MetricsServer::listen(quint16 port, QString *error)
{
    if (m_server.listen(QHostAddress::Any, port))
        return true;
    *error = QStringLiteral("cannot listen on :%1 for metrics: %2").arg(port).arg(m_server.errorString());
    return false;
}

void MetricsServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // A client that never sends a full request is cut off.
        QTimer::singleShot(10000, socket, [socket] { socket->abort(); socket->deleteLater(); });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            if (socket->property("answered").toBool())
                return;
            QByteArray request = socket->property("request").toByteArray() + socket->readAll();
            if (!request.contains("\r\n\r\n") && !request.contains("\n\n")) {
                if (request.size() > 16384)
                    socket->abort();
                else
                    socket->setProperty("request", request);
                return;
            }
            socket->setProperty("answered", true);
            const QList<QByteArray> first = request.left(request.indexOf('\n')).trimmed().split(' ');
            QByteArray path = first.size() >= 2 ? first.at(1) : QByteArray();
            const qsizetype query = path.indexOf('?');
            if (query >= 0)
                path.truncate(query);
            QByteArray status, type, body;
            if (first.value(0) != "GET" && first.value(0) != "HEAD") {
                status = "405 Method Not Allowed";
                type = "text/plain; charset=utf-8";
                body = "method not allowed\n";
            } else if (QString::fromUtf8(path) != m_path) {
                status = "404 Not Found";
                type = "text/plain; charset=utf-8";
                body = "404 page not found\n";
            } else {
                status = "200 OK";
                type = "text/plain; version=0.0.4; charset=utf-8";
                body = m_render();
            }
            QByteArray response = "HTTP/1.1 " + status + "\r\nContent-Type: " + type +
                                  "\r\nContent-Length: " + QByteArray::number(body.size()) +
                                  "\r\nConnection: close\r\n\r\n";
            if (first.value(0) != "HEAD")
                response += body;
            socket->write(response);
            socket->disconnectFromHost();
        });
    }
}

} // namespace skydns::service
