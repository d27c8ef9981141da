#pragma once
// The query tester: asks a DNS server (by default the local skydns on 127.0.0.1:53) one question
// and shows the answer like `dig`. The query runs asynchronously on Qt sockets (UDP with TCP
// fallback on truncation, or TCP), so the GUI never blocks.
//
// Usage (main window):
//     auto *tester = new QueryTester(this);
//     tester->setServer(QStringLiteral("127.0.0.1"), 53);
//     tester->setQuery(QStringLiteral("web.east.skydns.local."), QStringLiteral("SRV"));
#include "querytester/dnsexchange.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace skydns::console {

// QueryTester is the dig-like widget. Child object names (for tests and style sheets): serverEdit,
// portEdit, nameEdit, typeCombo, doCheck, udpRadio, tcpRadio, sendButton, outputView, errorLabel.
class QueryTester : public QWidget
{
    Q_OBJECT

public:
    explicit QueryTester(QWidget *parent = nullptr);

    // setServer fills the server fields (host: an IP address or a host name).
    void setServer(const QString &host, quint16 port);
    // setQuery fills the name and type fields (type: mnemonic, TYPEnnn or number).
    void setQuery(const QString &name, const QString &type = QStringLiteral("A"));
    // setTimeout sets how long each transport waits for an answer (default 3000 ms).
    void setTimeout(int ms) { m_timeoutMs = ms; }
    // output is the text shown: the dig-like answer, or the error of the last attempt.
    QString output() const;
    // lastAnswer is the raw answer message of the last successful query (empty otherwise).
    QByteArray lastAnswer() const { return m_lastAnswer; }
    // isRunning is true while a query is in flight.
    bool isRunning() const { return m_exchange.isRunning() || m_lookupId >= 0; }

public Q_SLOTS:
    // send checks the fields and sends the query; bad input is reported in errorLabel and nothing is sent.
    void send();

Q_SIGNALS:
    // finished is emitted after each send(): answered is false on bad input, timeout or network error.
    void finished(bool answered);

private:
    void sendTo(const QHostAddress &address);
    void onFinished(const DnsExchangeResult &result);
    void showError(const QString &message);
    void setRunning(bool running);

    QLineEdit *m_server;
    QLineEdit *m_port;
    QLineEdit *m_name;
    QComboBox *m_type;
    QCheckBox *m_do;
    QRadioButton *m_udp;
    QRadioButton *m_tcp;
    QPushButton *m_send;
    QPlainTextEdit *m_output;
    QLabel *m_error;

    DnsExchange m_exchange;
    int m_timeoutMs = 3000;
    int m_lookupId = -1; // running QHostInfo lookup of a server name
    QByteArray m_lastAnswer;
    // what send() validated, used once the server address is known
    quint16 m_pendingPort = 0;
    QString m_pendingName;
    int m_pendingType = 0;
};

} // namespace skydns::console
