#pragma once
// The DNSSEC key manager (issue 6): the BIND key pairs of a directory and the one /<prefix>/config
// names, new keys for the profile's zone, their DNSKEY and parent DS records to copy, and
// activation/retirement of a key through the `dnssec` config member.

#include "keys/keyfiles.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace skydns::console {

class AdminClient;
class DnssecConfigWriter;
class KvStore;

// KeyManager is the key manager widget. The host (main window) gives it the connection's KvStore
// and AdminClient (either may be null: without etcd it only lists and generates; without admin
// connection it says how to make the service reload), then the profile's zone and path prefix.
class KeyManager final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyManager)

public:
    // Column is a column of keysModel().
    enum Column { StateColumn, NameColumn, ZoneColumn, AlgorithmColumn, TagColumn, FlagsColumn, ColumnCount };

    // KeyManager shows no keys until setKeyDirectory() or refresh(); store and admin are not owned.
    KeyManager(KvStore *store, AdminClient *admin, QWidget *parent = nullptr);
    ~KeyManager() override;

    // setStore / setAdminClient replace the connection (null = none); the list is re-read.
    void setStore(KvStore *store);
    void setAdminClient(AdminClient *admin);

    // setZone sets the zone new keys are made for (the profile's domain, default "skydns.local.").
    void setZone(const QString &zone);
    QString zone() const;
    // setPathPrefix sets the etcd path prefix (default "skydns"): the config key is /<prefix>/config.
    void setPathPrefix(const QString &prefix);
    QString configKey() const;

    // setKeyDirectory picks the directory whose key pairs are listed and where new ones are written.
    void setKeyDirectory(const QString &directory);
    QString keyDirectory() const;

    // keys is what the list shows: the directory's pairs and, when elsewhere, the active one.
    QList<KeyInfo> keys() const { return m_keys; }
    // activeKey is the `dnssec` member of the config as last read ("" when none).
    QString activeKey() const { return m_activeKey; }
    // selectedKey is the pair whose records are shown (basePath empty when none).
    KeyInfo selectedKey() const;
    // detailsText is the text of the records pane (DNSKEY and both DS records).
    QString detailsText() const;
    // statusText is the last message shown to the user.
    QString statusText() const;
    // keysModel is the list's model (rows in keys() order).
    QStandardItemModel *keysModel() const { return m_model; }
    // isBusy tells whether a generation or a config edit is running.
    bool isBusy() const { return m_busy; }

    // setAlgorithm / setKeySigningKey / setRsaBits preset the generation form (tests, settings).
    void setAlgorithm(int algorithm);
    void setKeySigningKey(bool ksk);
    void setRsaBits(int bits);

public Q_SLOTS:
    // refresh re-reads the directory and the config's `dnssec` member.
    void refresh();
    // generate makes a key pair with the form's choices in keyDirectory() (in a worker thread).
    void generate();
    // selectKey shows the records of the pair at basePath.
    void selectKey(const QString &basePath);
    // activateSelected writes the selected key into the config (CAS), then asks the service to reload.
    void activateSelected();
    // retireActive removes `dnssec` from the config (CAS); the key files stay.
    void retireActive();
    // copyDnskey / copyDs256 / copyDs384 put one record of the selected key on the clipboard.
    void copyDnskey();
    void copyDs256();
    void copyDs384();

Q_SIGNALS:
    // refreshed says the list (and activeKey) was re-read.
    void refreshed();
    // generated carries the new key (error set when generation failed).
    void generated(const skydns::console::KeyInfo &key);
    // operationFinished ends activate/retire: ok, or the message shown (conflict, refusal, ...).
    void operationFinished(bool ok, const QString &message);

private:
    void buildUi();
    void rebuildModel();
    void showStatus(const QString &text, bool error = false);
    void setBusy(bool busy);
    void updateButtons();
    // askReload asks the service to reload and then checks that it runs with expectedKey ("" = none).
    void askReload(const QString &doneText, const QString &expectedKey);
    void browseDirectory();
    void onSelectionChanged();

    QPointer<KvStore> m_store;
    QPointer<AdminClient> m_admin;
    DnssecConfigWriter *m_writer = nullptr;
    QString m_zone = QStringLiteral("skydns.local.");
    QString m_prefix = QStringLiteral("skydns");
    QString m_activeKey;
    QString m_selected;
    QList<KeyInfo> m_keys;
    bool m_busy = false;
    int m_readGeneration = 0;

    QLineEdit *m_directoryEdit = nullptr;
    QLabel *m_zoneLabel = nullptr;
    QComboBox *m_algorithmBox = nullptr;
    QCheckBox *m_kskBox = nullptr;
    QSpinBox *m_rsaBitsBox = nullptr;
    QPushButton *m_generateButton = nullptr;
    QPushButton *m_activateButton = nullptr;
    QPushButton *m_retireButton = nullptr;
    QTableView *m_table = nullptr;
    QStandardItemModel *m_model = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace skydns::console
