<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>The profile needs a name.</source>
        <translation>Das Profil braucht einen Namen.</translation>
    </message>
    <message>
        <source>The profile name may not contain &apos;/&apos; or &apos;\&apos;.</source>
        <translation>Der Profilname darf weder „/“ noch „\“ enthalten.</translation>
    </message>
    <message>
        <source>Give at least one etcd machine (for example http://127.0.0.1:2379).</source>
        <translation>Geben Sie mindestens einen etcd-Rechner an (zum Beispiel http://127.0.0.1:2379).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an etcd machine URL (http://host:port or https://host:port).</source>
        <translation>„%1“ ist keine etcd-Rechner-URL (http://host:port oder https://host:port).</translation>
    </message>
    <message>
        <source>The path prefix must start with &apos;/&apos; and name a directory, like /skydns.</source>
        <translation>Das Pfadpräfix muss mit „/“ beginnen und ein Verzeichnis benennen, etwa /skydns.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name (like skydns.local.).</source>
        <translation>„%1“ ist kein Domainname (wie skydns.local.).</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <source>client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <source>The %1 file &quot;%2&quot; cannot be read.</source>
        <translation>Die Datei „%2“ (%1) kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>A client certificate and its key go together: give both or neither.</source>
        <translation>Client-Zertifikat und Schlüssel gehören zusammen: Geben Sie beide oder keines an.</translation>
    </message>
    <message>
        <source>TLS files are set but no machine uses https.</source>
        <translation>TLS-Dateien sind angegeben, aber kein Rechner verwendet https.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an admin API URL (like http://127.0.0.1:8053).</source>
        <translation>„%1“ ist keine URL der Admin-API (wie http://127.0.0.1:8053).</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The configuration is not valid JSON; it was left unchanged.</source>
        <translation>Die Konfiguration ist kein gültiges JSON; sie wurde nicht geändert.</translation>
    </message>
    <message>
        <source>The configuration is not a JSON object; it was left unchanged.</source>
        <translation>Die Konfiguration ist kein JSON-Objekt; sie wurde nicht geändert.</translation>
    </message>
    <message>
        <source>No key file given.</source>
        <translation>Keine Schlüsseldatei angegeben.</translation>
    </message>
    <message>
        <source>Key file %1 does not exist.</source>
        <translation>Die Schlüsseldatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Key file %1 cannot be read.</source>
        <translation>Die Schlüsseldatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Key %1 is not usable: %2</source>
        <translation>Der Schlüssel %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a zone name.</source>
        <translation>„%1“ ist kein Zonenname.</translation>
    </message>
    <message>
        <source>Key directory %1 does not exist.</source>
        <translation>Das Schlüsselverzeichnis %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>Schlüsselerzeugung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The new key could not be written: %1</source>
        <translation>Der neue Schlüssel konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>SkyDNS Qt Console</source>
        <translation>SkyDNS-Qt-Konsole</translation>
    </message>
</context>
<context>
    <name>skydns::console::AdminClient</name>
    <message>
        <source>The service refused the admin token (401). Copy the token from the service&apos;s token file into the connection profile.</source>
        <translation>Der Dienst hat das Admin-Token abgelehnt (401). Kopieren Sie das Token aus der Token-Datei des Dienstes in das Verbindungsprofil.</translation>
    </message>
    <message>
        <source>The service rejected the request (400).</source>
        <translation>Der Dienst hat die Anfrage zurückgewiesen (400).</translation>
    </message>
    <message>
        <source>The service rejected the request: %1</source>
        <translation>Der Dienst hat die Anfrage zurückgewiesen: %1</translation>
    </message>
    <message>
        <source>The admin API answered HTTP %1 for %2.</source>
        <translation>Die Admin-API antwortete mit HTTP %1 auf %2.</translation>
    </message>
    <message>
        <source>The admin API answered HTTP %1 for %2: %3</source>
        <translation>Die Admin-API antwortete mit HTTP %1 auf %2: %3</translation>
    </message>
    <message>
        <source>Connection refused at %1: is the service running with its admin API enabled?</source>
        <translation>Verbindung zu %1 abgelehnt: Läuft der Dienst mit eingeschalteter Admin-API?</translation>
    </message>
    <message>
        <source>No answer from the admin API at %1 in time.</source>
        <translation>Die Admin-API unter %1 hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Could not reach the admin API at %1: %2</source>
        <translation>Die Admin-API unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>No admin API address in the connection profile.</source>
        <translation>Das Verbindungsprofil enthält keine Adresse der Admin-API.</translation>
    </message>
    <message>
        <source>No admin token in the connection profile.</source>
        <translation>Das Verbindungsprofil enthält kein Admin-Token.</translation>
    </message>
    <message>
        <source>The admin API&apos;s answer is not what the console expects (%1): is the service another version?</source>
        <translation>Die Antwort der Admin-API entspricht nicht dem, was die Konsole erwartet (%1): Hat der Dienst eine andere Version?</translation>
    </message>
</context>
<context>
    <name>skydns::console::CacheModel</name>
    <message>
        <source>local (mirror)</source>
        <translation>lokal (Spiegel)</translation>
    </message>
    <message>
        <source>response (forwarded)</source>
        <translation>Antwort (weitergeleitet)</translation>
    </message>
    <message>
        <source>DO</source>
        <translation>DO</translation>
    </message>
    <message>
        <source>EDNS</source>
        <translation>EDNS</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Größenlimit</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Läuft ab in</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
</context>
<context>
    <name>skydns::console::CacheView</name>
    <message>
        <source>Filter by name</source>
        <translation>Nach Name filtern</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown (%3 in the service)</source>
        <translation>%1 von %2 Einträgen angezeigt (%3 im Dienst)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Flush cache...</source>
        <translation>Cache &amp;leeren...</translation>
    </message>
    <message>
        <source>Not connected to the service&apos;s admin API.</source>
        <translation>Nicht mit der Admin-API des Dienstes verbunden.</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown</source>
        <translation>%1 von %2 Einträgen angezeigt</translation>
    </message>
    <message>
        <source>the service holds %1; only the first are listed</source>
        <translation>der Dienst hält %1; nur die ersten werden aufgeführt</translation>
    </message>
    <message>
        <source>Flush the cache</source>
        <translation>Cache leeren</translation>
    </message>
    <message>
        <source>Remove every cached answer (%1 entries) from the service? Later queries are answered afresh from the mirror or the forwarders.</source>
        <translation>Alle zwischengespeicherten Antworten (%1 Einträge) aus dem Dienst entfernen? Spätere Abfragen werden neu aus dem Spiegel oder von den Weiterleitungsservern beantwortet.</translation>
    </message>
    <message>
        <source>Flush cancelled.</source>
        <translation>Leeren abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>Flushed %n cache entries.</source>
        <translation>
            <numerusform>%n Cache-Eintrag geleert.</numerusform>
            <numerusform>%n Cache-Einträge geleert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skydns::console::ConflictPanel</name>
    <message>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <source>Their version:</source>
        <translation>Deren Version:</translation>
    </message>
    <message>
        <source>Not saved: %1 was deleted by someone else after you opened it.</source>
        <translation>Nicht gespeichert: %1 wurde von jemand anderem gelöscht, nachdem Sie es geöffnet hatten.</translation>
    </message>
    <message>
        <source>Not saved: %1 was changed by someone else (now at revision %2). Your edit is still here; nothing was overwritten.</source>
        <translation>Nicht gespeichert: %1 wurde von jemand anderem geändert (jetzt Revision %2). Ihre Änderung ist noch da; nichts wurde überschrieben.</translation>
    </message>
    <message>
        <source>Create it again with mine</source>
        <translation>Mit meiner Version neu anlegen</translation>
    </message>
    <message>
        <source>Overwrite with mine</source>
        <translation>Mit meiner Version überschreiben</translation>
    </message>
    <message>
        <source>Not deleted: %1 was already deleted by someone else.</source>
        <translation>Nicht gelöscht: %1 wurde bereits von jemand anderem gelöscht.</translation>
    </message>
    <message>
        <source>Not deleted: %1 was changed by someone else (now at revision %2) after you opened it.</source>
        <translation>Nicht gelöscht: %1 wurde nach dem Öffnen von jemand anderem geändert (jetzt Revision %2).</translation>
    </message>
    <message>
        <source>Delete their version</source>
        <translation>Deren Version löschen</translation>
    </message>
    <message>
        <source>Start over (discard mine)</source>
        <translation>Neu beginnen (meine verwerfen)</translation>
    </message>
    <message>
        <source>Load theirs (discard mine)</source>
        <translation>Deren Version laden (meine verwerfen)</translation>
    </message>
    <message>
        <source>(the key does not exist)</source>
        <translation>(der Schlüssel existiert nicht)</translation>
    </message>
    <message numerus="yes">
        <source>(expires in %n second(s))</source>
        <translation>
            <numerusform>(läuft in %n Sekunde ab)</numerusform>
            <numerusform>(läuft in %n Sekunden ab)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skydns::console::ConnectionManager</name>
    <message>
        <source>etcd refused the credentials of profile &quot;%1&quot;: %2</source>
        <translation>etcd hat die Anmeldedaten des Profils „%1“ abgelehnt: %2</translation>
    </message>
</context>
<context>
    <name>skydns::console::DashboardView</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <source>Queries/s (10 s)</source>
        <translation>Abfragen/s (10 s)</translation>
    </message>
    <message>
        <source>Cache hit ratio</source>
        <translation>Cache-Trefferquote</translation>
    </message>
    <message>
        <source>Cache entries</source>
        <translation>Cache-Einträge</translation>
    </message>
    <message>
        <source>Latency p50 (1 min)</source>
        <translation>Latenz p50 (1 min)</translation>
    </message>
    <message>
        <source>Latency p90 (1 min)</source>
        <translation>Latenz p90 (1 min)</translation>
    </message>
    <message>
        <source>Latency p99 (1 min)</source>
        <translation>Latenz p99 (1 min)</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>etcd</source>
        <translation>etcd</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Mirror generation</source>
        <translation>Spiegel-Generation</translation>
    </message>
    <message>
        <source>Queries per second by rcode</source>
        <translation>Abfragen pro Sekunde nach Rcode</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Not connected to the service&apos;s admin API.</source>
        <translation>Nicht mit der Admin-API des Dienstes verbunden.</translation>
    </message>
    <message>
        <source>(stale for %1)</source>
        <translation>(seit %1 veraltet)</translation>
    </message>
    <message>
        <source>SkyDNS Qt %1 (SkyDNS %2) for %3 on %4</source>
        <translation>SkyDNS Qt %1 (SkyDNS %2) für %3 auf %4</translation>
    </message>
    <message>
        <source>last etcd error: %1</source>
        <translation>letzter etcd-Fehler: %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <source>hits</source>
        <translation>Treffer</translation>
    </message>
</context>
<context>
    <name>skydns::console::DigFormat</name>
    <message>
        <source>;; Truncated, retrying in TCP mode.</source>
        <translation>;; Truncated, retrying in TCP mode.</translation>
    </message>
    <message>
        <source>;; Malformed answer (%1), %2 bytes:</source>
        <translation>;; Malformed answer (%1), %2 bytes:</translation>
    </message>
    <message>
        <source>;; Got answer:</source>
        <translation>;; Got answer:</translation>
    </message>
    <message>
        <source>;; -&gt;&gt;HEADER&lt;&lt;- opcode: %1, status: %2, id: %3</source>
        <translation>;; -&gt;&gt;HEADER&lt;&lt;- opcode: %1, status: %2, id: %3</translation>
    </message>
    <message>
        <source>;; flags: %1; QUERY: %2, ANSWER: %3, AUTHORITY: %4, ADDITIONAL: %5</source>
        <translation>;; flags: %1; QUERY: %2, ANSWER: %3, AUTHORITY: %4, ADDITIONAL: %5</translation>
    </message>
    <message>
        <source>;; OPT PSEUDOSECTION:</source>
        <translation>;; OPT PSEUDOSECTION:</translation>
    </message>
    <message>
        <source>; EDNS: version: %1, flags:%2; udp: %3</source>
        <translation>; EDNS: version: %1, flags:%2; udp: %3</translation>
    </message>
    <message>
        <source>;; QUESTION SECTION:</source>
        <translation>;; QUESTION SECTION:</translation>
    </message>
    <message>
        <source>;; ANSWER SECTION:</source>
        <translation>;; ANSWER SECTION:</translation>
    </message>
    <message>
        <source>;; AUTHORITY SECTION:</source>
        <translation>;; AUTHORITY SECTION:</translation>
    </message>
    <message>
        <source>;; ADDITIONAL SECTION:</source>
        <translation>;; ADDITIONAL SECTION:</translation>
    </message>
    <message>
        <source>;; Query time: %1 msec</source>
        <translation>;; Query time: %1 msec</translation>
    </message>
    <message>
        <source>;; SERVER: %1#%2(%1) (%3)</source>
        <translation>;; SERVER: %1#%2(%1) (%3)</translation>
    </message>
    <message>
        <source>;; WHEN: %1</source>
        <translation>;; WHEN: %1</translation>
    </message>
    <message>
        <source>;; MSG SIZE  rcvd: %1</source>
        <translation>;; MSG SIZE  rcvd: %1</translation>
    </message>
</context>
<context>
    <name>skydns::console::DnsExchange</name>
    <message>
        <source>no answer from %1 port %2 over %3 within %4 ms</source>
        <translation>keine Antwort von %1 Port %2 über %3 innerhalb von %4 ms</translation>
    </message>
    <message>
        <source>%1 port %2 (UDP): %3</source>
        <translation>%1 Port %2 (UDP): %3</translation>
    </message>
    <message>
        <source>could not send to %1 port %2: %3</source>
        <translation>Senden an %1 Port %2 nicht möglich: %3</translation>
    </message>
    <message>
        <source>%1 port %2 (TCP): %3</source>
        <translation>%1 Port %2 (TCP): %3</translation>
    </message>
</context>
<context>
    <name>skydns::console::DnsTreeModel</name>
    <message>
        <source>invalid value</source>
        <translation>ungültiger Wert</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>(no host)</source>
        <translation>(kein Host)</translation>
    </message>
    <message>
        <source>key expires in %1 s</source>
        <translation>Schlüssel läuft in %1 s ab</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type / host</source>
        <translation>Typ / Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>SkyDNS configuration</source>
        <translation>SkyDNS-Konfiguration</translation>
    </message>
</context>
<context>
    <name>skydns::console::DnssecConfigWriter</name>
    <message>
        <source>Not connected to etcd.</source>
        <translation>Nicht mit etcd verbunden.</translation>
    </message>
    <message>
        <source>The key belongs to %1 but %2 serves %3; it was not activated.</source>
        <translation>Der Schlüssel gehört zu %1, aber %2 bedient %3; er wurde nicht aktiviert.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 was changed by someone else after it was read; nothing was written. Look at the new value and try again.</source>
        <translation>%1 wurde nach dem Lesen von jemand anderem geändert; nichts wurde geschrieben. Prüfen Sie den neuen Wert und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>skydns::console::JsonMembers</name>
    <message>
        <source>expected &apos;%1&apos;</source>
        <translation>„%1“ erwartet</translation>
    </message>
    <message>
        <source>nesting deeper than %1</source>
        <translation>Verschachtelung tiefer als %1</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>Zeichenkette erwartet</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>Steuerzeichen in einer Zeichenkette</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>fehlerhaftes \u-Escape</translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation>fehlerhaftes Escape</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <source>%1 at offset %2</source>
        <translation>%1 an Position %2</translation>
    </message>
    <message>
        <source>invalid literal</source>
        <translation>ungültiges Literal</translation>
    </message>
    <message>
        <source>invalid value</source>
        <translation>ungültiger Wert</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>ungültige Zahl</translation>
    </message>
    <message>
        <source>a service must be a JSON object</source>
        <translation>ein Dienst muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>unexpected text after the object</source>
        <translation>unerwarteter Text nach dem Objekt</translation>
    </message>
</context>
<context>
    <name>skydns::console::KeyManager</name>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Directory of BIND key files (K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;.key/.private)</source>
        <translation>Verzeichnis der BIND-Schlüsseldateien (K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;.key/.private)</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>Dur&amp;chsuchen...</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Key directory:</source>
        <translation>Schlüsselverzeichnis:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Key-signing key (SEP flag, 257)</source>
        <translation>Schlüsselsignierschlüssel (SEP-Flag, 257)</translation>
    </message>
    <message>
        <source>SkyDNS signs with one key: marking it as key-signing key lets the parent&apos;s DS point at it.</source>
        <translation>SkyDNS signiert mit einem einzigen Schlüssel: Als Schlüsselsignierschlüssel markiert, kann der DS-Eintrag der Elternzone auf ihn verweisen.</translation>
    </message>
    <message>
        <source> bits</source>
        <translation> Bit</translation>
    </message>
    <message>
        <source>&amp;Generate key</source>
        <translation>Schlüssel &amp;erzeugen</translation>
    </message>
    <message>
        <source>Copy &amp;DNSKEY</source>
        <translation>&amp;DNSKEY kopieren</translation>
    </message>
    <message>
        <source>Copy DS (SHA-&amp;256)</source>
        <translation>DS kopieren (SHA-&amp;256)</translation>
    </message>
    <message>
        <source>Copy DS (SHA-&amp;384)</source>
        <translation>DS kopieren (SHA-&amp;384)</translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>Akti&amp;vieren</translation>
    </message>
    <message>
        <source>Re&amp;tire</source>
        <translation>&amp;Stilllegen</translation>
    </message>
    <message>
        <source>New key for %1:</source>
        <translation>Neuer Schlüssel für %1:</translation>
    </message>
    <message>
        <source>Key directory</source>
        <translation>Schlüsselverzeichnis</translation>
    </message>
    <message>
        <source>Could not read the active key from %1: %2</source>
        <translation>Der aktive Schlüssel konnte nicht aus %1 gelesen werden: %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Unusable</source>
        <translation>Unbrauchbar</translation>
    </message>
    <message>
        <source>Active, unusable</source>
        <translation>Aktiv, unbrauchbar</translation>
    </message>
    <message>
        <source>KSK</source>
        <translation>KSK</translation>
    </message>
    <message>
        <source>ZSK</source>
        <translation>ZSK</translation>
    </message>
    <message>
        <source>; DNSKEY (%1, tag %2)
%3

; DS for the parent zone, SHA-256
%4

; DS for the parent zone, SHA-384
%5
</source>
        <translation>; DNSKEY (%1, Tag %2)
%3

; DS für die Elternzone, SHA-256
%4

; DS für die Elternzone, SHA-384
%5
</translation>
    </message>
    <message>
        <source>Pick a key directory first.</source>
        <translation>Wählen Sie zuerst ein Schlüsselverzeichnis.</translation>
    </message>
    <message>
        <source>Generating a %1 key for %2...</source>
        <translation>Erzeuge einen %1-Schlüssel für %2...</translation>
    </message>
    <message>
        <source>Generated %1. Publish its DS at the parent before you activate it.</source>
        <translation>%1 erzeugt. Veröffentlichen Sie den DS-Eintrag in der Elternzone, bevor Sie den Schlüssel aktivieren.</translation>
    </message>
    <message>
        <source>Select a key first.</source>
        <translation>Wählen Sie zuerst einen Schlüssel.</translation>
    </message>
    <message>
        <source>Not connected to etcd: cannot write %1.</source>
        <translation>Nicht mit etcd verbunden: %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 now names %2 as the DNSSEC key.</source>
        <translation>%1 nennt jetzt %2 als DNSSEC-Schlüssel.</translation>
    </message>
    <message>
        <source>No DNSSEC key was active.</source>
        <translation>Es war kein DNSSEC-Schlüssel aktiv.</translation>
    </message>
    <message>
        <source>%1 no longer names a DNSSEC key; the files of %2 were kept.</source>
        <translation>%1 nennt keinen DNSSEC-Schlüssel mehr; die Dateien von %2 wurden behalten.</translation>
    </message>
    <message>
        <source>No admin connection: the service applies it when it sees %1 change, or after `systemctl reload skydns` (SIGHUP).</source>
        <translation>Keine Admin-Verbindung: Der Dienst übernimmt es, sobald er die Änderung von %1 bemerkt, oder nach `systemctl reload skydns` (SIGHUP).</translation>
    </message>
    <message>
        <source>Asking the service to reload...</source>
        <translation>Der Dienst wird gebeten, neu zu laden...</translation>
    </message>
    <message>
        <source>The service did not reload: %1</source>
        <translation>Der Dienst hat nicht neu geladen: %1</translation>
    </message>
    <message>
        <source>The service refused the new configuration and keeps the running one: %1</source>
        <translation>Der Dienst hat die neue Konfiguration abgelehnt und behält die laufende: %1</translation>
    </message>
    <message>
        <source>The service reloaded; could not confirm the key it uses: %1</source>
        <translation>Der Dienst hat neu geladen; der verwendete Schlüssel konnte nicht bestätigt werden: %1</translation>
    </message>
    <message>
        <source>no dnssec setting listed</source>
        <translation>keine dnssec-Einstellung aufgeführt</translation>
    </message>
    <message>
        <source>The service reloaded its configuration and no longer signs.</source>
        <translation>Der Dienst hat seine Konfiguration neu geladen und signiert nicht mehr.</translation>
    </message>
    <message>
        <source>The service reloaded its configuration and signs with the new key.</source>
        <translation>Der Dienst hat seine Konfiguration neu geladen und signiert mit dem neuen Schlüssel.</translation>
    </message>
    <message>
        <source>The service reloaded but still uses &quot;%1&quot; (the new key could not be loaded, see its log).</source>
        <translation>Der Dienst hat neu geladen, verwendet aber weiterhin „%1“ (der neue Schlüssel konnte nicht geladen werden, siehe sein Protokoll).</translation>
    </message>
</context>
<context>
    <name>skydns::console::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System (%1)</source>
        <translation>&amp;System (%1)</translation>
    </message>
</context>
<context>
    <name>skydns::console::MainWindow</name>
    <message>
        <source>SkyDNS Qt Console</source>
        <translation>SkyDNS-Qt-Konsole</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close the console</source>
        <translation>Die Konsole schließen</translation>
    </message>
    <message>
        <source>&amp;About SkyDNS Qt Console</source>
        <translation>Ü&amp;ber die SkyDNS-Qt-Konsole</translation>
    </message>
    <message>
        <source>Show the version of the console</source>
        <translation>Die Version der Konsole anzeigen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Connect to the selected profile&apos;s etcd</source>
        <translation>Mit dem etcd des gewählten Profils verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Close the connection to etcd</source>
        <translation>Die Verbindung zu etcd schließen</translation>
    </message>
    <message>
        <source>&amp;New Profile...</source>
        <translation>&amp;Neues Profil...</translation>
    </message>
    <message>
        <source>Describe a new etcd cluster to connect to</source>
        <translation>Einen neuen etcd-Cluster für Verbindungen beschreiben</translation>
    </message>
    <message>
        <source>&amp;Edit Profile...</source>
        <translation>Profil be&amp;arbeiten...</translation>
    </message>
    <message>
        <source>Change the selected connection profile</source>
        <translation>Das gewählte Verbindungsprofil ändern</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the tree from etcd again</source>
        <translation>Den Baum erneut aus etcd lesen</translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation>&amp;Suchen...</translation>
    </message>
    <message>
        <source>Filter the tree by name or host</source>
        <translation>Den Baum nach Name oder Host filtern</translation>
    </message>
    <message>
        <source>&amp;New Service</source>
        <translation>&amp;Neuer Dienst</translation>
    </message>
    <message>
        <source>Create a service below the selected domain</source>
        <translation>Einen Dienst unterhalb der gewählten Domain anlegen</translation>
    </message>
    <message>
        <source>&amp;Delete Service</source>
        <translation>Dienst &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the selected service</source>
        <translation>Den gewählten Dienst löschen</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>&amp;Einträge</translation>
    </message>
    <message>
        <source>&amp;Query Tester</source>
        <translation>Abfrage&amp;test</translation>
    </message>
    <message>
        <source>query tester</source>
        <translation>Abfragetest</translation>
    </message>
    <message>
        <source>D&amp;ashboard</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <source>Query &amp;Log</source>
        <translation>Abfrage&amp;protokoll</translation>
    </message>
    <message>
        <source>Ca&amp;che</source>
        <translation>&amp;Cache</translation>
    </message>
    <message>
        <source>dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>query log</source>
        <translation>Abfrageprotokoll</translation>
    </message>
    <message>
        <source>cache view</source>
        <translation>Cache-Ansicht</translation>
    </message>
    <message>
        <source>DNSSEC &amp;Keys</source>
        <translation>DNSSEC-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>DNSSEC key manager</source>
        <translation>DNSSEC-Schlüsselverwaltung</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>Die&amp;nst</translation>
    </message>
    <message>
        <source>service control</source>
        <translation>Dienststeuerung</translation>
    </message>
    <message>
        <source>The %1 is not available in this build of the console.</source>
        <translation>%1: in diesem Build der Konsole nicht verfügbar.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Verbinde mit %1...</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>%1: etcd not answering</source>
        <translation>%1: etcd antwortet nicht</translation>
    </message>
    <message>
        <source>Connected to %1 (etcd %2, %3)</source>
        <translation>Verbunden mit %1 (etcd %2, %3)</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <source>New Connection Profile</source>
        <translation>Neues Verbindungsprofil</translation>
    </message>
    <message>
        <source>Edit Connection Profile</source>
        <translation>Verbindungsprofil bearbeiten</translation>
    </message>
    <message>
        <source>Profile not saved</source>
        <translation>Profil nicht gespeichert</translation>
    </message>
    <message>
        <source>Profile %1 saved</source>
        <translation>Profil %1 gespeichert</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SkyDNS Qt Console %1&lt;/h3&gt;&lt;p&gt;Browse and edit the services that SkyDNS Qt serves from etcd.&lt;/p&gt;&lt;p&gt;Compatible with SkyDNS %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SkyDNS-Qt-Konsole %1&lt;/h3&gt;&lt;p&gt;Durchsuchen und bearbeiten Sie die Dienste, die SkyDNS Qt aus etcd bereitstellt.&lt;/p&gt;&lt;p&gt;Kompatibel mit SkyDNS %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About SkyDNS Qt Console</source>
        <translation>Über die SkyDNS-Qt-Konsole</translation>
    </message>
    <message>
        <source>Re&amp;gister Service...</source>
        <translation>Dienst re&amp;gistrieren...</translation>
    </message>
    <message>
        <source>Announce a service in one line, as `skydns register` does</source>
        <translation>Einen Dienst in einer Zeile bekannt machen, wie `skydns register`</translation>
    </message>
    <message>
        <source>Registered %1</source>
        <translation>%1 registriert</translation>
    </message>
</context>
<context>
    <name>skydns::console::ProfileDialog</name>
    <message>
        <source>Connection Profile</source>
        <translation>Verbindungsprofil</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>e.g. production</source>
        <translation>z. B. produktion</translation>
    </message>
    <message>
        <source>etcd v2 (keys API)</source>
        <translation>etcd v2 (Keys-API)</translation>
    </message>
    <message>
        <source>etcd v3 (JSON gateway)</source>
        <translation>etcd v3 (JSON-Gateway)</translation>
    </message>
    <message>
        <source>etcd &amp;API:</source>
        <translation>etcd-&amp;API:</translation>
    </message>
    <message>
        <source>etcd &amp;machines:</source>
        <translation>etcd-&amp;Rechner:</translation>
    </message>
    <message>
        <source>http://127.0.0.1:2379, http://10.0.0.2:2379</source>
        <translation>http://127.0.0.1:2379, http://10.0.0.2:2379</translation>
    </message>
    <message>
        <source>&amp;Path prefix:</source>
        <translation>&amp;Pfadpräfix:</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>&amp;Domain:</translation>
    </message>
    <message>
        <source>TLS &amp;CA file:</source>
        <translation>TLS-&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>TLS client &amp;certificate:</source>
        <translation>TLS-Client-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>TLS client &amp;key:</source>
        <translation>TLS-Client-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>etcd &amp;user:</source>
        <translation>etcd-&amp;Benutzer:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>etcd pass&amp;word:</source>
        <translation>etcd-Pass&amp;wort:</translation>
    </message>
    <message>
        <source>kept in the keyring</source>
        <translation>im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Admin API &amp;URL:</source>
        <translation>Admin-API-&amp;URL:</translation>
    </message>
    <message>
        <source>Admin &amp;token:</source>
        <translation>Admin-&amp;Token:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Choose a PEM file</source>
        <translation>PEM-Datei auswählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already.</source>
        <translation>Ein Profil namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>A password needs an etcd user name.</source>
        <translation>Ein Passwort braucht einen etcd-Benutzernamen.</translation>
    </message>
</context>
<context>
    <name>skydns::console::QueryLogModel</name>
    <message>
        <source>(dropped)</source>
        <translation>(verworfen)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Rcode</source>
        <translation>Rcode</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Served from</source>
        <translation>Beantwortet aus</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
</context>
<context>
    <name>skydns::console::QueryLogView</name>
    <message>
        <source>Name contains</source>
        <translation>Name enthält</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>Jeder Typ</translation>
    </message>
    <message>
        <source>Any rcode</source>
        <translation>Jeder Rcode</translation>
    </message>
    <message>
        <source>Client contains</source>
        <translation>Client enthält</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Jede Quelle</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Mitlaufen</translation>
    </message>
    <message>
        <source>The service restarted: the log starts again from its first entry.</source>
        <translation>Der Dienst wurde neu gestartet: Das Protokoll beginnt wieder beim ersten Eintrag.</translation>
    </message>
    <message>
        <source>%1 of %2 queries shown</source>
        <translation>%1 von %2 Abfragen angezeigt</translation>
    </message>
    <message>
        <source>not connected to the service&apos;s admin API</source>
        <translation>nicht mit der Admin-API des Dienstes verbunden</translation>
    </message>
    <message numerus="yes">
        <source>%n entries were overwritten in the service before they were read</source>
        <translation>
            <numerusform>%n Eintrag wurde im Dienst überschrieben, bevor er gelesen wurde</numerusform>
            <numerusform>%n Einträge wurden im Dienst überschrieben, bevor sie gelesen wurden</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
</context>
<context>
    <name>skydns::console::QueryTester</name>
    <message>
        <source>&amp;DNSSEC OK (DO bit)</source>
        <translation>&amp;DNSSEC OK (DO-Bit)</translation>
    </message>
    <message>
        <source>&amp;UDP</source>
        <translation>&amp;UDP</translation>
    </message>
    <message>
        <source>T&amp;CP</source>
        <translation>T&amp;CP</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>e.g. web.east.skydns.local.</source>
        <translation>z. B. web.east.skydns.local.</translation>
    </message>
    <message>
        <source>A type mnemonic, TYPEnnn or a number from 0 to 65535</source>
        <translation>Ein Typkürzel, TYPEnnn oder eine Zahl von 0 bis 65535</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>;; Sending…</source>
        <translation>;; Sende…</translation>
    </message>
    <message>
        <source>Enter a name to query.</source>
        <translation>Geben Sie einen abzufragenden Namen ein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid DNS name (empty label, label over 63 octets or name over 255 octets).</source>
        <translation>„%1“ ist kein gültiger DNS-Name (leeres Label, Label über 63 Oktette oder Name über 255 Oktette).</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>Geben Sie die Adresse des Servers ein.</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation>Der Port muss eine Zahl von 1 bis 65535 sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>Unknown type &quot;%1&quot;: use a mnemonic such as A or SRV, TYPEnnn or a number.</source>
        <translation>Unbekannter Typ „%1“: Verwenden Sie ein Kürzel wie A oder SRV, TYPEnnn oder eine Zahl.</translation>
    </message>
    <message>
        <source>Cannot resolve the server &quot;%1&quot;: %2</source>
        <translation>Der Server „%1“ kann nicht aufgelöst werden: %2</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
</context>
<context>
    <name>skydns::console::RecordsPage</name>
    <message>
        <source>Filter by name or host (Ctrl+F)</source>
        <translation>Nach Name oder Host filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>The service editor is not available in this build.</source>
        <translation>Der Dienst-Editor ist in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>Reloading the tree...</source>
        <translation>Baum wird neu geladen...</translation>
    </message>
    <message>
        <source>Searching all names...</source>
        <translation>Alle Namen werden durchsucht...</translation>
    </message>
    <message>
        <source>Showing matches in the first %1 names only: expand a directory to search all of it.</source>
        <translation>Nur Treffer unter den ersten %1 Namen werden angezeigt: Klappen Sie ein Verzeichnis auf, um es ganz zu durchsuchen.</translation>
    </message>
    <message>
        <source>Only the loaded directories are searched: %1</source>
        <translation>Nur die geladenen Verzeichnisse werden durchsucht: %1</translation>
    </message>
    <message>
        <source>Connect to etcd first.</source>
        <translation>Verbinden Sie sich zuerst mit etcd.</translation>
    </message>
    <message>
        <source>%1 is a domain, not a service: delete the services in it first.</source>
        <translation>%1 ist eine Domain, kein Dienst: Löschen Sie zuerst die Dienste darin.</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>Dienst löschen</translation>
    </message>
    <message>
        <source>Delete %1?
The key %2 is removed from etcd.</source>
        <translation>%1 löschen?
Der Schlüssel %2 wird aus etcd entfernt.</translation>
    </message>
    <message>
        <source>%1 was changed by someone else meanwhile: not deleted.</source>
        <translation>%1 wurde inzwischen von jemand anderem geändert: nicht gelöscht.</translation>
    </message>
</context>
<context>
    <name>skydns::console::RegisterDialog</name>
    <message>
        <source>Register a service</source>
        <translation>Dienst registrieren</translation>
    </message>
    <message>
        <source>web.dev (below %1)</source>
        <translation>web.dev (unterhalb von %1)</translation>
    </message>
    <message>
        <source>127.0.0.1:8080, [::1]:8080 or host.example.com:443</source>
        <translation>127.0.0.1:8080, [::1]:8080 oder host.example.com:443</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>kein Ablauf</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Answer MX queries with this service</source>
        <translation>MX-Abfragen mit diesem Dienst beantworten</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Host[:port]:</source>
        <translation>&amp;Host[:Port]:</translation>
    </message>
    <message>
        <source>&amp;TTL:</source>
        <translation>&amp;TTL:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation>Schreibt:</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Registrieren</translation>
    </message>
    <message>
        <source>Re&amp;place existing</source>
        <translation>Vorhandenen &amp;ersetzen</translation>
    </message>
    <message>
        <source>Give a name and a host.</source>
        <translation>Geben Sie einen Namen und einen Host an.</translation>
    </message>
    <message>
        <source>%1 will answer with %2.</source>
        <translation>%1 wird mit %2 antworten.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Schreibe %1…</translation>
    </message>
    <message>
        <source>Registered %1.</source>
        <translation>%1 registriert.</translation>
    </message>
    <message>
        <source>%1 is already registered as %2. Replace it?</source>
        <translation>%1 ist bereits als %2 registriert. Ersetzen?</translation>
    </message>
    <message>
        <source>%1 changed meanwhile; press Register again.</source>
        <translation>%1 wurde inzwischen geändert; klicken Sie erneut auf „Registrieren“.</translation>
    </message>
    <message>
        <source>Could not register %1: %2</source>
        <translation>%1 konnte nicht registriert werden: %2</translation>
    </message>
</context>
<context>
    <name>skydns::console::ResolverSwitch</name>
    <message>
        <source>Use for this computer: send queries for %1 to this service</source>
        <translation>Für diesen Computer verwenden: Abfragen für %1 an diesen Dienst senden</translation>
    </message>
    <message>
        <source>Only names under %1 go to SkyDNS; every other name resolves as before.</source>
        <translation>Nur Namen unterhalb von %1 gehen an SkyDNS; alle anderen Namen werden wie bisher aufgelöst.</translation>
    </message>
    <message>
        <source>State not known yet.</source>
        <translation>Zustand noch nicht bekannt.</translation>
    </message>
    <message>
        <source>Routing %1 to this service…</source>
        <translation>Leite %1 an diesen Dienst…</translation>
    </message>
    <message>
        <source>Removing the routing of %1…</source>
        <translation>Entferne die Weiterleitung von %1…</translation>
    </message>
    <message>
        <source>Could not read the routing state: %1</source>
        <translation>Der Weiterleitungszustand konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>Could not route %1 to this service: %2</source>
        <translation>%1 konnte nicht an diesen Dienst geleitet werden: %2</translation>
    </message>
    <message>
        <source>Could not remove the routing of %1: %2</source>
        <translation>Die Weiterleitung von %1 konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>This computer sends queries for %1 to %2.</source>
        <translation>Dieser Computer sendet Abfragen für %1 an %2.</translation>
    </message>
    <message>
        <source>This computer does not use this service for %1.</source>
        <translation>Dieser Computer verwendet diesen Dienst nicht für %1.</translation>
    </message>
</context>
<context>
    <name>skydns::console::SecretStore</name>
    <message>
        <source>No secret is stored for this profile.</source>
        <translation>Für dieses Profil ist kein Geheimnis gespeichert.</translation>
    </message>
    <message>
        <source>The keyring failed: %1</source>
        <translation>Der Schlüsselbund ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The keyring refused: %1</source>
        <translation>Der Schlüsselbund hat abgelehnt: %1</translation>
    </message>
    <message>
        <source>No keyring is available (%1). Passwords and tokens cannot be saved: you will be asked for them at each connection. Start a Secret Service (GNOME Keyring, KWallet) to keep them.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Passwörter und Tokens können nicht gespeichert werden: Sie werden bei jeder Verbindung danach gefragt. Starten Sie einen Secret Service (GNOME Keyring, KWallet), um sie zu behalten.</translation>
    </message>
    <message>
        <source>no keychain service found</source>
        <translation>kein Schlüsselbund-Dienst gefunden</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceControlWidget</name>
    <message>
        <source>Not installed</source>
        <translation>Nicht installiert</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Wird gestoppt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Start the SkyDNS service (asks for administrator rights)</source>
        <translation>Den SkyDNS-Dienst starten (fragt nach Administratorrechten)</translation>
    </message>
    <message>
        <source>Stop the SkyDNS service (asks for administrator rights)</source>
        <translation>Den SkyDNS-Dienst stoppen (fragt nach Administratorrechten)</translation>
    </message>
    <message>
        <source>Restart the SkyDNS service (asks for administrator rights)</source>
        <translation>Den SkyDNS-Dienst neu starten (fragt nach Administratorrechten)</translation>
    </message>
    <message>
        <source>SkyDNS service:</source>
        <translation>SkyDNS-Dienst:</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceController</name>
    <message>
        <source>Could not query the service: %1</source>
        <translation>Der Dienst konnte nicht abgefragt werden: %1</translation>
    </message>
    <message>
        <source>Starting the service</source>
        <translation>Das Starten des Dienstes</translation>
    </message>
    <message>
        <source>Stopping the service</source>
        <translation>Das Stoppen des Dienstes</translation>
    </message>
    <message>
        <source>Restarting the service</source>
        <translation>Das Neustarten des Dienstes</translation>
    </message>
    <message>
        <source>%1 was cancelled.</source>
        <translation>%1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 was not authorised.</source>
        <translation>%1 wurde nicht autorisiert.</translation>
    </message>
    <message>
        <source>%1 failed (exit code %2): %3</source>
        <translation>%1 ist fehlgeschlagen (Exit-Code %2): %3</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceEditor</name>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 address, or a host name</source>
        <translation>IPv4- oder IPv6-Adresse oder ein Hostname</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>0-65535 (SRV port)</source>
        <translation>0-65535 (SRV-Port)</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>P&amp;riorität:</translation>
    </message>
    <message>
        <source>0 = the server&apos;s default priority</source>
        <translation>0 = Standardpriorität des Servers</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>0-65535 (SRV weight; 0 counts as 100)</source>
        <translation>0-65535 (SRV-Gewichtung; 0 zählt als 100)</translation>
    </message>
    <message>
        <source>&amp;TTL:</source>
        <translation>&amp;TTL:</translation>
    </message>
    <message>
        <source>answer TTL in seconds; 0 = etcd TTL or the server&apos;s default</source>
        <translation>TTL der Antwort in Sekunden; 0 = etcd-TTL oder Standard des Servers</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <source>TXT record data</source>
        <translation>Daten des TXT-Eintrags</translation>
    </message>
    <message>
        <source>Answer &amp;MX queries with this service</source>
        <translation>&amp;MX-Abfragen mit diesem Dienst beantworten</translation>
    </message>
    <message>
        <source>Mail:</source>
        <translation>Mail:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>Gr&amp;uppe:</translation>
    </message>
    <message>
        <source>only services of the same group are answered together</source>
        <translation>nur Dienste derselben Gruppe werden gemeinsam beantwortet</translation>
    </message>
    <message>
        <source>Target stri&amp;p:</source>
        <translation>Ziel&amp;kürzung:</translation>
    </message>
    <message>
        <source>labels removed from the left of the SRV/MX target</source>
        <translation>von links aus dem SRV/MX-Ziel entfernte Labels</translation>
    </message>
    <message>
        <source>Raw JSON (members the form does not know are kept):</source>
        <translation>Rohes JSON (Felder, die das Formular nicht kennt, bleiben erhalten):</translation>
    </message>
    <message>
        <source>DNS &amp;name:</source>
        <translation>DNS-&amp;Name:</translation>
    </message>
    <message>
        <source>e.g. web.east.skydns.local.</source>
        <translation>z. B. web.east.skydns.local.</translation>
    </message>
    <message>
        <source>etcd key:</source>
        <translation>etcd-Schlüssel:</translation>
    </message>
    <message>
        <source>Key &amp;expiry:</source>
        <translation>Schlüssel&amp;ablauf:</translation>
    </message>
    <message>
        <source>seconds until etcd deletes the key; empty or 0 = never</source>
        <translation>Sekunden, bis etcd den Schlüssel löscht; leer oder 0 = nie</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu la&amp;den</translation>
    </message>
    <message>
        <source>Not connected to etcd.</source>
        <translation>Nicht mit etcd verbunden.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>%1 does not exist (any more).</source>
        <translation>%1 existiert nicht (mehr).</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>Loaded revision %1.</source>
        <translation>Revision %1 geladen.</translation>
    </message>
    <message>
        <source>enter the DNS name of the new service</source>
        <translation>DNS-Namen des neuen Dienstes eingeben</translation>
    </message>
    <message>
        <source>(no valid name)</source>
        <translation>(kein gültiger Name)</translation>
    </message>
    <message>
        <source>Invalid service: %1</source>
        <translation>Ungültiger Dienst: %1</translation>
    </message>
    <message>
        <source>Invalid JSON: %1</source>
        <translation>Ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Speichere %1…</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>Dienst löschen</translation>
    </message>
    <message>
        <source>Delete %1 (key %2)? DNS answers for it stop at once.</source>
        <translation>%1 (Schlüssel %2) löschen? DNS-Antworten dafür enden sofort.</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>Lösche %1…</translation>
    </message>
    <message>
        <source>Saved %1 (revision %2).</source>
        <translation>%1 gespeichert (Revision %2).</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Conflict: someone else changed %1. Nothing was overwritten.</source>
        <translation>Konflikt: Jemand anderes hat %1 geändert. Nichts wurde überschrieben.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Loaded their version (revision %1).</source>
        <translation>Deren Version geladen (Revision %1).</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceValidation</name>
    <message>
        <source>&quot;%1&quot; is not a valid IPv6 address</source>
        <translation>„%1“ ist keine gültige IPv6-Adresse</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid IPv4 address</source>
        <translation>„%1“ ist keine gültige IPv4-Adresse</translation>
    </message>
    <message>
        <source>the DNS name is empty</source>
        <translation>der DNS-Name ist leer</translation>
    </message>
    <message>
        <source>the root name cannot hold a service</source>
        <translation>der Wurzelname kann keinen Dienst enthalten</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>der Name ist leer</translation>
    </message>
    <message>
        <source>the name is longer than 253 characters</source>
        <translation>der Name ist länger als 253 Zeichen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has an empty label</source>
        <translation>„%1“ hat ein leeres Label</translation>
    </message>
    <message>
        <source>the label &quot;%1&quot; is longer than 63 characters</source>
        <translation>das Label „%1“ ist länger als 63 Zeichen</translation>
    </message>
    <message>
        <source>the label &quot;%1&quot; may only hold letters, digits, &apos;-&apos; and &apos;_&apos;, and not start or end with &apos;-&apos;</source>
        <translation>das Label „%1“ darf nur Buchstaben, Ziffern, „-“ und „_“ enthalten und nicht mit „-“ beginnen oder enden</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number</source>
        <translation>„%1“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>%1 is out of range (0 to %2)</source>
        <translation>%1 liegt außerhalb des Bereichs (0 bis %2)</translation>
    </message>
</context>
<context>
    <name>skydns::console::TimeSeriesPlot</name>
    <message numerus="yes">
        <source>last %n s</source>
        <translation>
            <numerusform>letzte %n s</numerusform>
            <numerusform>letzte %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>noch keine Daten</translation>
    </message>
</context>
<context>
    <name>skydns::console::Translations</name>
    <message>
        <source>Language: %1. Status messages shown before the change stay in the previous language.</source>
        <translation>Sprache: %1. Statusmeldungen von vor der Änderung bleiben in der vorherigen Sprache.</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>E&amp;instellungen</translation>
    </message>
</context>
</TS>
