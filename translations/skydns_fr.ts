<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>The profile needs a name.</source>
        <translation>Le profil doit avoir un nom.</translation>
    </message>
    <message>
        <source>The profile name may not contain &apos;/&apos; or &apos;\&apos;.</source>
        <translation>Le nom du profil ne peut contenir ni «&#xa0;/&#xa0;» ni «&#xa0;\&#xa0;».</translation>
    </message>
    <message>
        <source>Give at least one etcd machine (for example http://127.0.0.1:2379).</source>
        <translation>Indiquez au moins une machine etcd (par exemple http://127.0.0.1:2379).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an etcd machine URL (http://host:port or https://host:port).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une URL de machine etcd (http://hôte:port ou https://hôte:port).</translation>
    </message>
    <message>
        <source>The path prefix must start with &apos;/&apos; and name a directory, like /skydns.</source>
        <translation>Le préfixe de chemin doit commencer par «&#xa0;/&#xa0;» et désigner un répertoire, comme /skydns.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name (like skydns.local.).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un nom de domaine (comme skydns.local.).</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>certificat d&apos;autorité (CA)</translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation>certificat client</translation>
    </message>
    <message>
        <source>client key</source>
        <translation>clé client</translation>
    </message>
    <message>
        <source>The %1 file &quot;%2&quot; cannot be read.</source>
        <translation>Le fichier «&#xa0;%2&#xa0;» (%1) ne peut pas être lu.</translation>
    </message>
    <message>
        <source>A client certificate and its key go together: give both or neither.</source>
        <translation>Un certificat client et sa clé vont ensemble&#xa0;: indiquez les deux ou aucun.</translation>
    </message>
    <message>
        <source>TLS files are set but no machine uses https.</source>
        <translation>Des fichiers TLS sont indiqués mais aucune machine n&apos;utilise https.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an admin API URL (like http://127.0.0.1:8053).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une URL d&apos;API d&apos;administration (comme http://127.0.0.1:8053).</translation>
    </message>
    <message>
        <source>The settings file %1 could not be written.</source>
        <translation>Le fichier de paramètres %1 n&apos;a pas pu être écrit.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The configuration is not valid JSON; it was left unchanged.</source>
        <translation>La configuration n&apos;est pas du JSON valide&#xa0;; elle n&apos;a pas été modifiée.</translation>
    </message>
    <message>
        <source>The configuration is not a JSON object; it was left unchanged.</source>
        <translation>La configuration n&apos;est pas un objet JSON&#xa0;; elle n&apos;a pas été modifiée.</translation>
    </message>
    <message>
        <source>No key file given.</source>
        <translation>Aucun fichier de clé indiqué.</translation>
    </message>
    <message>
        <source>Key file %1 does not exist.</source>
        <translation>Le fichier de clé %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Key file %1 cannot be read.</source>
        <translation>Le fichier de clé %1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>Key %1 is not usable: %2</source>
        <translation>La clé %1 est inutilisable&#xa0;: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a zone name.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un nom de zone.</translation>
    </message>
    <message>
        <source>Key directory %1 does not exist.</source>
        <translation>Le répertoire de clés %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>La génération de la clé a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>The new key could not be written: %1</source>
        <translation>La nouvelle clé n&apos;a pas pu être écrite&#xa0;: %1</translation>
    </message>
    <message>
        <source>SkyDNS Qt Console</source>
        <translation>Console SkyDNS Qt</translation>
    </message>
</context>
<context>
    <name>skydns::console::AdminClient</name>
    <message>
        <source>The service refused the admin token (401). Copy the token from the service&apos;s token file into the connection profile.</source>
        <translation>Le service a refusé le jeton d&apos;administration (401). Copiez le jeton du fichier de jeton du service dans le profil de connexion.</translation>
    </message>
    <message>
        <source>The service rejected the request (400).</source>
        <translation>Le service a rejeté la requête (400).</translation>
    </message>
    <message>
        <source>The service rejected the request: %1</source>
        <translation>Le service a rejeté la requête&#xa0;: %1</translation>
    </message>
    <message>
        <source>The admin API answered HTTP %1 for %2.</source>
        <translation>L&apos;API d&apos;administration a répondu HTTP %1 pour %2.</translation>
    </message>
    <message>
        <source>The admin API answered HTTP %1 for %2: %3</source>
        <translation>L&apos;API d&apos;administration a répondu HTTP %1 pour %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Connection refused at %1: is the service running with its admin API enabled?</source>
        <translation>Connexion refusée sur %1&#xa0;: le service tourne-t-il avec son API d&apos;administration activée&#xa0;?</translation>
    </message>
    <message>
        <source>No answer from the admin API at %1 in time.</source>
        <translation>Pas de réponse à temps de l&apos;API d&apos;administration sur %1.</translation>
    </message>
    <message>
        <source>Could not reach the admin API at %1: %2</source>
        <translation>Impossible de joindre l&apos;API d&apos;administration sur %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>No admin API address in the connection profile.</source>
        <translation>Le profil de connexion ne contient pas d&apos;adresse d&apos;API d&apos;administration.</translation>
    </message>
    <message>
        <source>No admin token in the connection profile.</source>
        <translation>Le profil de connexion ne contient pas de jeton d&apos;administration.</translation>
    </message>
    <message>
        <source>The admin API&apos;s answer is not what the console expects (%1): is the service another version?</source>
        <translation>La réponse de l&apos;API d&apos;administration n&apos;est pas celle qu&apos;attend la console (%1)&#xa0;: le service est-il d&apos;une autre version&#xa0;?</translation>
    </message>
</context>
<context>
    <name>skydns::console::CacheModel</name>
    <message>
        <source>local (mirror)</source>
        <translation>local (miroir)</translation>
    </message>
    <message>
        <source>response (forwarded)</source>
        <translation>réponse (transmise)</translation>
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
        <translation>oui</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>périmé</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
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
        <translation>Limite de taille</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Expire dans</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actuel</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Variantes</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
</context>
<context>
    <name>skydns::console::CacheView</name>
    <message>
        <source>Filter by name</source>
        <translation>Filtrer par nom</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown (%3 in the service)</source>
        <translation>%1 entrées affichées sur %2 (%3 dans le service)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Flush cache...</source>
        <translation>&amp;Vider le cache...</translation>
    </message>
    <message>
        <source>Not connected to the service&apos;s admin API.</source>
        <translation>Non connecté à l&apos;API d&apos;administration du service.</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown</source>
        <translation>%1 entrées affichées sur %2</translation>
    </message>
    <message>
        <source>the service holds %1; only the first are listed</source>
        <translation>le service en contient %1&#xa0;; seules les premières sont listées</translation>
    </message>
    <message>
        <source>Flush the cache</source>
        <translation>Vider le cache</translation>
    </message>
    <message>
        <source>Remove every cached answer (%1 entries) from the service? Later queries are answered afresh from the mirror or the forwarders.</source>
        <translation>Retirer du service toutes les réponses en cache (%1 entrées)&#xa0;? Les requêtes suivantes recevront une réponse fraîche du miroir ou des serveurs de transfert.</translation>
    </message>
    <message>
        <source>Flush cancelled.</source>
        <translation>Vidage annulé.</translation>
    </message>
    <message numerus="yes">
        <source>Flushed %n cache entries.</source>
        <translation>
            <numerusform>%n entrée de cache vidée.</numerusform>
            <numerusform>%n entrées de cache vidées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skydns::console::ConflictPanel</name>
    <message>
        <source>Keep editing</source>
        <translation>Continuer la modification</translation>
    </message>
    <message>
        <source>Their version:</source>
        <translation>Leur version&#xa0;:</translation>
    </message>
    <message>
        <source>Not saved: %1 was deleted by someone else after you opened it.</source>
        <translation>Non enregistré&#xa0;: %1 a été supprimé par quelqu&apos;un d&apos;autre après son ouverture.</translation>
    </message>
    <message>
        <source>Not saved: %1 was changed by someone else (now at revision %2). Your edit is still here; nothing was overwritten.</source>
        <translation>Non enregistré&#xa0;: %1 a été modifié par quelqu&apos;un d&apos;autre (révision %2 désormais). Votre modification est toujours là&#xa0;; rien n&apos;a été écrasé.</translation>
    </message>
    <message>
        <source>Create it again with mine</source>
        <translation>Le recréer avec ma version</translation>
    </message>
    <message>
        <source>Overwrite with mine</source>
        <translation>Écraser avec ma version</translation>
    </message>
    <message>
        <source>Not deleted: %1 was already deleted by someone else.</source>
        <translation>Non supprimé&#xa0;: %1 a déjà été supprimé par quelqu&apos;un d&apos;autre.</translation>
    </message>
    <message>
        <source>Not deleted: %1 was changed by someone else (now at revision %2) after you opened it.</source>
        <translation>Non supprimé&#xa0;: %1 a été modifié par quelqu&apos;un d&apos;autre après son ouverture (révision %2 désormais).</translation>
    </message>
    <message>
        <source>Delete their version</source>
        <translation>Supprimer leur version</translation>
    </message>
    <message>
        <source>Start over (discard mine)</source>
        <translation>Recommencer (abandonner la mienne)</translation>
    </message>
    <message>
        <source>Load theirs (discard mine)</source>
        <translation>Charger la leur (abandonner la mienne)</translation>
    </message>
    <message>
        <source>(the key does not exist)</source>
        <translation>(la clé n&apos;existe pas)</translation>
    </message>
    <message numerus="yes">
        <source>(expires in %n second(s))</source>
        <translation>
            <numerusform>(expire dans %n seconde)</numerusform>
            <numerusform>(expire dans %n secondes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>skydns::console::ConnectionManager</name>
    <message>
        <source>etcd refused the credentials of profile &quot;%1&quot;: %2</source>
        <translation>etcd a refusé les identifiants du profil «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
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
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Queries/s (10 s)</source>
        <translation>Requêtes/s (10 s)</translation>
    </message>
    <message>
        <source>Cache hit ratio</source>
        <translation>Taux de succès du cache</translation>
    </message>
    <message>
        <source>Cache entries</source>
        <translation>Entrées du cache</translation>
    </message>
    <message>
        <source>Latency p50 (1 min)</source>
        <translation>Latence p50 (1 min)</translation>
    </message>
    <message>
        <source>Latency p90 (1 min)</source>
        <translation>Latence p90 (1 min)</translation>
    </message>
    <message>
        <source>Latency p99 (1 min)</source>
        <translation>Latence p99 (1 min)</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Durée de fonctionnement</translation>
    </message>
    <message>
        <source>etcd</source>
        <translation>etcd</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Mirror generation</source>
        <translation>Génération du miroir</translation>
    </message>
    <message>
        <source>Queries per second by rcode</source>
        <translation>Requêtes par seconde par rcode</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Not connected to the service&apos;s admin API.</source>
        <translation>Non connecté à l&apos;API d&apos;administration du service.</translation>
    </message>
    <message>
        <source>(stale for %1)</source>
        <translation>(périmé depuis %1)</translation>
    </message>
    <message>
        <source>SkyDNS Qt %1 (SkyDNS %2) for %3 on %4</source>
        <translation>SkyDNS Qt %1 (SkyDNS %2) pour %3 sur %4</translation>
    </message>
    <message>
        <source>last etcd error: %1</source>
        <translation>dernière erreur etcd&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>other</source>
        <translation>autres</translation>
    </message>
    <message>
        <source>hits</source>
        <translation>succès</translation>
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
        <translation>pas de réponse de %1 port %2 via %3 en %4 ms</translation>
    </message>
    <message>
        <source>%1 port %2 (UDP): %3</source>
        <translation>%1 port %2 (UDP)&#xa0;: %3</translation>
    </message>
    <message>
        <source>could not send to %1 port %2: %3</source>
        <translation>envoi impossible vers %1 port %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 port %2 (TCP): %3</source>
        <translation>%1 port %2 (TCP)&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>skydns::console::DnsTreeModel</name>
    <message>
        <source>invalid value</source>
        <translation>valeur invalide</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>(no host)</source>
        <translation>(pas d&apos;hôte)</translation>
    </message>
    <message>
        <source>key expires in %1 s</source>
        <translation>la clé expire dans %1 s</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>groupe %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type / host</source>
        <translation>Type / hôte</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>SkyDNS configuration</source>
        <translation>Configuration SkyDNS</translation>
    </message>
</context>
<context>
    <name>skydns::console::DnssecConfigWriter</name>
    <message>
        <source>Not connected to etcd.</source>
        <translation>Non connecté à etcd.</translation>
    </message>
    <message>
        <source>The key belongs to %1 but %2 serves %3; it was not activated.</source>
        <translation>La clé appartient à %1 mais %2 sert %3&#xa0;; elle n&apos;a pas été activée.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 was changed by someone else after it was read; nothing was written. Look at the new value and try again.</source>
        <translation>%1 a été modifié par quelqu&apos;un d&apos;autre après sa lecture&#xa0;; rien n&apos;a été écrit. Examinez la nouvelle valeur et réessayez.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>skydns::console::JsonMembers</name>
    <message>
        <source>expected &apos;%1&apos;</source>
        <translation>«&#xa0;%1&#xa0;» attendu</translation>
    </message>
    <message>
        <source>nesting deeper than %1</source>
        <translation>imbrication plus profonde que %1</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>chaîne attendue</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>caractère de contrôle dans une chaîne</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>échappement \u incorrect</translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation>échappement incorrect</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>chaîne non terminée</translation>
    </message>
    <message>
        <source>%1 at offset %2</source>
        <translation>%1 à la position %2</translation>
    </message>
    <message>
        <source>invalid literal</source>
        <translation>littéral invalide</translation>
    </message>
    <message>
        <source>invalid value</source>
        <translation>valeur invalide</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>nombre invalide</translation>
    </message>
    <message>
        <source>a service must be a JSON object</source>
        <translation>un service doit être un objet JSON</translation>
    </message>
    <message>
        <source>unexpected text after the object</source>
        <translation>texte inattendu après l&apos;objet</translation>
    </message>
</context>
<context>
    <name>skydns::console::KeyManager</name>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithme</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Directory of BIND key files (K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;.key/.private)</source>
        <translation>Répertoire des fichiers de clés BIND (K&lt;zone&gt;+&lt;alg&gt;+&lt;tag&gt;.key/.private)</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Parcourir...</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Key directory:</source>
        <translation>Répertoire des clés&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Key-signing key (SEP flag, 257)</source>
        <translation>Clé de signature de clé (drapeau SEP, 257)</translation>
    </message>
    <message>
        <source>SkyDNS signs with one key: marking it as key-signing key lets the parent&apos;s DS point at it.</source>
        <translation>SkyDNS signe avec une seule clé&#xa0;: la marquer comme clé de signature de clé permet au DS de la zone parente de la désigner.</translation>
    </message>
    <message>
        <source> bits</source>
        <translation> bits</translation>
    </message>
    <message>
        <source>&amp;Generate key</source>
        <translation>&amp;Générer une clé</translation>
    </message>
    <message>
        <source>Copy &amp;DNSKEY</source>
        <translation>Copier le &amp;DNSKEY</translation>
    </message>
    <message>
        <source>Copy DS (SHA-&amp;256)</source>
        <translation>Copier le DS (SHA-&amp;256)</translation>
    </message>
    <message>
        <source>Copy DS (SHA-&amp;384)</source>
        <translation>Copier le DS (SHA-&amp;384)</translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>A&amp;ctiver</translation>
    </message>
    <message>
        <source>Re&amp;tire</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>New key for %1:</source>
        <translation>Nouvelle clé pour %1&#xa0;:</translation>
    </message>
    <message>
        <source>Key directory</source>
        <translation>Répertoire des clés</translation>
    </message>
    <message>
        <source>Could not read the active key from %1: %2</source>
        <translation>Impossible de lire la clé active depuis %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Unusable</source>
        <translation>Inutilisable</translation>
    </message>
    <message>
        <source>Active, unusable</source>
        <translation>Active, inutilisable</translation>
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
        <translation>; DNSKEY (%1, étiquette %2)
%3

; DS pour la zone parente, SHA-256
%4

; DS pour la zone parente, SHA-384
%5
</translation>
    </message>
    <message>
        <source>Pick a key directory first.</source>
        <translation>Choisissez d&apos;abord un répertoire de clés.</translation>
    </message>
    <message>
        <source>Generating a %1 key for %2...</source>
        <translation>Génération d&apos;une clé %1 pour %2...</translation>
    </message>
    <message>
        <source>Generated %1. Publish its DS at the parent before you activate it.</source>
        <translation>%1 générée. Publiez son DS dans la zone parente avant de l&apos;activer.</translation>
    </message>
    <message>
        <source>Select a key first.</source>
        <translation>Sélectionnez d&apos;abord une clé.</translation>
    </message>
    <message>
        <source>Not connected to etcd: cannot write %1.</source>
        <translation>Non connecté à etcd&#xa0;: impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>%1 now names %2 as the DNSSEC key.</source>
        <translation>%1 désigne désormais %2 comme clé DNSSEC.</translation>
    </message>
    <message>
        <source>No DNSSEC key was active.</source>
        <translation>Aucune clé DNSSEC n&apos;était active.</translation>
    </message>
    <message>
        <source>%1 no longer names a DNSSEC key; the files of %2 were kept.</source>
        <translation>%1 ne désigne plus de clé DNSSEC&#xa0;; les fichiers de %2 ont été conservés.</translation>
    </message>
    <message>
        <source>No admin connection: the service applies it when it sees %1 change, or after `systemctl reload skydns` (SIGHUP).</source>
        <translation>Pas de connexion d&apos;administration&#xa0;: le service l&apos;applique dès qu&apos;il voit %1 changer, ou après `systemctl reload skydns` (SIGHUP).</translation>
    </message>
    <message>
        <source>Asking the service to reload...</source>
        <translation>Demande de rechargement au service...</translation>
    </message>
    <message>
        <source>The service did not reload: %1</source>
        <translation>Le service ne s&apos;est pas rechargé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The service refused the new configuration and keeps the running one: %1</source>
        <translation>Le service a refusé la nouvelle configuration et garde celle en cours&#xa0;: %1</translation>
    </message>
    <message>
        <source>The service reloaded; could not confirm the key it uses: %1</source>
        <translation>Le service s&apos;est rechargé&#xa0;; impossible de confirmer la clé qu&apos;il utilise&#xa0;: %1</translation>
    </message>
    <message>
        <source>no dnssec setting listed</source>
        <translation>aucun paramètre dnssec listé</translation>
    </message>
    <message>
        <source>The service reloaded its configuration and no longer signs.</source>
        <translation>Le service a rechargé sa configuration et ne signe plus.</translation>
    </message>
    <message>
        <source>The service reloaded its configuration and signs with the new key.</source>
        <translation>Le service a rechargé sa configuration et signe avec la nouvelle clé.</translation>
    </message>
    <message>
        <source>The service reloaded but still uses &quot;%1&quot; (the new key could not be loaded, see its log).</source>
        <translation>Le service s&apos;est rechargé mais utilise toujours «&#xa0;%1&#xa0;» (la nouvelle clé n&apos;a pas pu être chargée, voir son journal).</translation>
    </message>
</context>
<context>
    <name>skydns::console::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;System (%1)</source>
        <translation>&amp;Système (%1)</translation>
    </message>
</context>
<context>
    <name>skydns::console::MainWindow</name>
    <message>
        <source>SkyDNS Qt Console</source>
        <translation>Console SkyDNS Qt</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Échec de la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Close the console</source>
        <translation>Fermer la console</translation>
    </message>
    <message>
        <source>&amp;About SkyDNS Qt Console</source>
        <translation>À &amp;propos de la console SkyDNS Qt</translation>
    </message>
    <message>
        <source>Show the version of the console</source>
        <translation>Afficher la version de la console</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>Connect to the selected profile&apos;s etcd</source>
        <translation>Se connecter à l&apos;etcd du profil sélectionné</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Déconnecter</translation>
    </message>
    <message>
        <source>Close the connection to etcd</source>
        <translation>Fermer la connexion à etcd</translation>
    </message>
    <message>
        <source>&amp;New Profile...</source>
        <translation>&amp;Nouveau profil...</translation>
    </message>
    <message>
        <source>Describe a new etcd cluster to connect to</source>
        <translation>Décrire un nouveau cluster etcd auquel se connecter</translation>
    </message>
    <message>
        <source>&amp;Edit Profile...</source>
        <translation>&amp;Modifier le profil...</translation>
    </message>
    <message>
        <source>Change the selected connection profile</source>
        <translation>Modifier le profil de connexion sélectionné</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Read the tree from etcd again</source>
        <translation>Relire l&apos;arborescence depuis etcd</translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation>&amp;Rechercher...</translation>
    </message>
    <message>
        <source>Filter the tree by name or host</source>
        <translation>Filtrer l&apos;arborescence par nom ou hôte</translation>
    </message>
    <message>
        <source>&amp;New Service</source>
        <translation>&amp;Nouveau service</translation>
    </message>
    <message>
        <source>Create a service below the selected domain</source>
        <translation>Créer un service sous le domaine sélectionné</translation>
    </message>
    <message>
        <source>&amp;Delete Service</source>
        <translation>&amp;Supprimer le service</translation>
    </message>
    <message>
        <source>Delete the selected service</source>
        <translation>Supprimer le service sélectionné</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>&amp;Enregistrements</translation>
    </message>
    <message>
        <source>&amp;Query Tester</source>
        <translation>&amp;Testeur de requêtes</translation>
    </message>
    <message>
        <source>query tester</source>
        <translation>testeur de requêtes</translation>
    </message>
    <message>
        <source>D&amp;ashboard</source>
        <translation>Tableau de &amp;bord</translation>
    </message>
    <message>
        <source>Query &amp;Log</source>
        <translation>&amp;Journal des requêtes</translation>
    </message>
    <message>
        <source>Ca&amp;che</source>
        <translation>Ca&amp;che</translation>
    </message>
    <message>
        <source>dashboard</source>
        <translation>tableau de bord</translation>
    </message>
    <message>
        <source>query log</source>
        <translation>journal des requêtes</translation>
    </message>
    <message>
        <source>cache view</source>
        <translation>vue du cache</translation>
    </message>
    <message>
        <source>DNSSEC &amp;Keys</source>
        <translation>C&amp;lés DNSSEC</translation>
    </message>
    <message>
        <source>DNSSEC key manager</source>
        <translation>gestionnaire de clés DNSSEC</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>&amp;Service</translation>
    </message>
    <message>
        <source>service control</source>
        <translation>contrôle du service</translation>
    </message>
    <message>
        <source>The %1 is not available in this build of the console.</source>
        <translation>%1&#xa0;: non disponible dans cette version de la console.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil&#xa0;:</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Connexion à %1...</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>%1: etcd not answering</source>
        <translation>%1&#xa0;: etcd ne répond pas</translation>
    </message>
    <message>
        <source>Connected to %1 (etcd %2, %3)</source>
        <translation>Connecté à %1 (etcd %2, %3)</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>local</source>
        <translation>local</translation>
    </message>
    <message>
        <source>New Connection Profile</source>
        <translation>Nouveau profil de connexion</translation>
    </message>
    <message>
        <source>Edit Connection Profile</source>
        <translation>Modifier le profil de connexion</translation>
    </message>
    <message>
        <source>Profile not saved</source>
        <translation>Profil non enregistré</translation>
    </message>
    <message>
        <source>Profile %1 saved</source>
        <translation>Profil %1 enregistré</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SkyDNS Qt Console %1&lt;/h3&gt;&lt;p&gt;Browse and edit the services that SkyDNS Qt serves from etcd.&lt;/p&gt;&lt;p&gt;Compatible with SkyDNS %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Console SkyDNS Qt %1&lt;/h3&gt;&lt;p&gt;Parcourez et modifiez les services que SkyDNS Qt sert depuis etcd.&lt;/p&gt;&lt;p&gt;Compatible avec SkyDNS %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About SkyDNS Qt Console</source>
        <translation>À propos de la console SkyDNS Qt</translation>
    </message>
    <message>
        <source>Re&amp;gister Service...</source>
        <translation>&amp;Enregistrer un service...</translation>
    </message>
    <message>
        <source>Announce a service in one line, as `skydns register` does</source>
        <translation>Annoncer un service en une ligne, comme le fait `skydns register`</translation>
    </message>
    <message>
        <source>Registered %1</source>
        <translation>%1 enregistré</translation>
    </message>
</context>
<context>
    <name>skydns::console::ProfileDialog</name>
    <message>
        <source>Connection Profile</source>
        <translation>Profil de connexion</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. production</source>
        <translation>p. ex. production</translation>
    </message>
    <message>
        <source>etcd v2 (keys API)</source>
        <translation>etcd v2 (API keys)</translation>
    </message>
    <message>
        <source>etcd v3 (JSON gateway)</source>
        <translation>etcd v3 (passerelle JSON)</translation>
    </message>
    <message>
        <source>etcd &amp;API:</source>
        <translation>&amp;API etcd&#xa0;:</translation>
    </message>
    <message>
        <source>etcd &amp;machines:</source>
        <translation>&amp;Machines etcd&#xa0;:</translation>
    </message>
    <message>
        <source>http://127.0.0.1:2379, http://10.0.0.2:2379</source>
        <translation>http://127.0.0.1:2379, http://10.0.0.2:2379</translation>
    </message>
    <message>
        <source>&amp;Path prefix:</source>
        <translation>&amp;Préfixe de chemin&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>&amp;Domaine&#xa0;:</translation>
    </message>
    <message>
        <source>TLS &amp;CA file:</source>
        <translation>Fichier &amp;CA TLS&#xa0;:</translation>
    </message>
    <message>
        <source>TLS client &amp;certificate:</source>
        <translation>C&amp;ertificat client TLS&#xa0;:</translation>
    </message>
    <message>
        <source>TLS client &amp;key:</source>
        <translation>C&amp;lé client TLS&#xa0;:</translation>
    </message>
    <message>
        <source>etcd &amp;user:</source>
        <translation>&amp;Utilisateur etcd&#xa0;:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>etcd pass&amp;word:</source>
        <translation>Mot de passe e&amp;tcd&#xa0;:</translation>
    </message>
    <message>
        <source>kept in the keyring</source>
        <translation>conservé dans le trousseau</translation>
    </message>
    <message>
        <source>Admin API &amp;URL:</source>
        <translation>URL de l&apos;API d&apos;admin&amp;istration&#xa0;:</translation>
    </message>
    <message>
        <source>Admin &amp;token:</source>
        <translation>&amp;Jeton d&apos;administration&#xa0;:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <source>Choose a PEM file</source>
        <translation>Choisir un fichier PEM</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>Fichiers PEM (*.pem *.crt *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already.</source>
        <translation>Un profil nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>A password needs an etcd user name.</source>
        <translation>Un mot de passe nécessite un nom d&apos;utilisateur etcd.</translation>
    </message>
</context>
<context>
    <name>skydns::console::QueryLogModel</name>
    <message>
        <source>(dropped)</source>
        <translation>(abandonnée)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Rcode</source>
        <translation>Rcode</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latence (ms)</translation>
    </message>
    <message>
        <source>Served from</source>
        <translation>Servie depuis</translation>
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
        <translation>Le nom contient</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>Tout type</translation>
    </message>
    <message>
        <source>Any rcode</source>
        <translation>Tout rcode</translation>
    </message>
    <message>
        <source>Client contains</source>
        <translation>Le client contient</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Toute source</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Effacer</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>&amp;Suivre</translation>
    </message>
    <message>
        <source>The service restarted: the log starts again from its first entry.</source>
        <translation>Le service a redémarré&#xa0;: le journal reprend à sa première entrée.</translation>
    </message>
    <message>
        <source>%1 of %2 queries shown</source>
        <translation>%1 requêtes affichées sur %2</translation>
    </message>
    <message>
        <source>not connected to the service&apos;s admin API</source>
        <translation>non connecté à l&apos;API d&apos;administration du service</translation>
    </message>
    <message numerus="yes">
        <source>%n entries were overwritten in the service before they were read</source>
        <translation>
            <numerusform>%n entrée a été écrasée dans le service avant d&apos;être lue</numerusform>
            <numerusform>%n entrées ont été écrasées dans le service avant d&apos;être lues</numerusform>
        </translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
</context>
<context>
    <name>skydns::console::QueryTester</name>
    <message>
        <source>&amp;DNSSEC OK (DO bit)</source>
        <translation>&amp;DNSSEC OK (bit DO)</translation>
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
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>e.g. web.east.skydns.local.</source>
        <translation>p. ex. web.east.skydns.local.</translation>
    </message>
    <message>
        <source>A type mnemonic, TYPEnnn or a number from 0 to 65535</source>
        <translation>Un mnémonique de type, TYPEnnn ou un nombre de 0 à 65535</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rveur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>;; Sending…</source>
        <translation>;; Envoi…</translation>
    </message>
    <message>
        <source>Enter a name to query.</source>
        <translation>Saisissez un nom à interroger.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid DNS name (empty label, label over 63 octets or name over 255 octets).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un nom DNS valide (label vide, label de plus de 63 octets ou nom de plus de 255 octets).</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>Saisissez l&apos;adresse du serveur.</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation>Le port doit être un nombre de 1 à 65535, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Unknown type &quot;%1&quot;: use a mnemonic such as A or SRV, TYPEnnn or a number.</source>
        <translation>Type inconnu «&#xa0;%1&#xa0;»&#xa0;: utilisez un mnémonique comme A ou SRV, TYPEnnn ou un nombre.</translation>
    </message>
    <message>
        <source>Cannot resolve the server &quot;%1&quot;: %2</source>
        <translation>Impossible de résoudre le serveur «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Pas de réponse&#xa0;: %1</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
</context>
<context>
    <name>skydns::console::RecordsPage</name>
    <message>
        <source>Filter by name or host (Ctrl+F)</source>
        <translation>Filtrer par nom ou hôte (Ctrl+F)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 supprimé</translation>
    </message>
    <message>
        <source>The service editor is not available in this build.</source>
        <translation>L&apos;éditeur de services n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <source>Reloading the tree...</source>
        <translation>Rechargement de l&apos;arborescence...</translation>
    </message>
    <message>
        <source>Searching all names...</source>
        <translation>Recherche dans tous les noms...</translation>
    </message>
    <message>
        <source>Showing matches in the first %1 names only: expand a directory to search all of it.</source>
        <translation>Seules les correspondances parmi les %1 premiers noms sont affichées&#xa0;: développez un répertoire pour le parcourir en entier.</translation>
    </message>
    <message>
        <source>Only the loaded directories are searched: %1</source>
        <translation>Seuls les répertoires chargés sont parcourus&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connect to etcd first.</source>
        <translation>Connectez-vous d&apos;abord à etcd.</translation>
    </message>
    <message>
        <source>%1 is a domain, not a service: delete the services in it first.</source>
        <translation>%1 est un domaine, pas un service&#xa0;: supprimez d&apos;abord les services qu&apos;il contient.</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>Supprimer le service</translation>
    </message>
    <message>
        <source>Delete %1?
The key %2 is removed from etcd.</source>
        <translation>Supprimer %1&#xa0;?
La clé %2 est retirée d&apos;etcd.</translation>
    </message>
    <message>
        <source>%1 was changed by someone else meanwhile: not deleted.</source>
        <translation>%1 a été modifié entre-temps par quelqu&apos;un d&apos;autre&#xa0;: non supprimé.</translation>
    </message>
</context>
<context>
    <name>skydns::console::RegisterDialog</name>
    <message>
        <source>Register a service</source>
        <translation>Enregistrer un service</translation>
    </message>
    <message>
        <source>web.dev (below %1)</source>
        <translation>web.dev (sous %1)</translation>
    </message>
    <message>
        <source>127.0.0.1:8080, [::1]:8080 or host.example.com:443</source>
        <translation>127.0.0.1:8080, [::1]:8080 ou host.example.com:443</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>sans expiration</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>Answer MX queries with this service</source>
        <translation>Répondre aux requêtes MX avec ce service</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Host[:port]:</source>
        <translation>&amp;Hôte[:port]&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;TTL:</source>
        <translation>&amp;TTL&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorité&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>P&amp;oids&#xa0;:</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xte&#xa0;:</translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation>Écrit&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Re&amp;place existing</source>
        <translation>&amp;Remplacer l&apos;existant</translation>
    </message>
    <message>
        <source>Give a name and a host.</source>
        <translation>Indiquez un nom et un hôte.</translation>
    </message>
    <message>
        <source>%1 will answer with %2.</source>
        <translation>%1 répondra avec %2.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <source>Registered %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>%1 is already registered as %2. Replace it?</source>
        <translation>%1 est déjà enregistré comme %2. Le remplacer&#xa0;?</translation>
    </message>
    <message>
        <source>%1 changed meanwhile; press Register again.</source>
        <translation>%1 a changé entre-temps&#xa0;; cliquez de nouveau sur «&#xa0;Enregistrer&#xa0;».</translation>
    </message>
    <message>
        <source>Could not register %1: %2</source>
        <translation>Impossible d&apos;enregistrer %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>skydns::console::ResolverSwitch</name>
    <message>
        <source>Use for this computer: send queries for %1 to this service</source>
        <translation>Utiliser pour cet ordinateur&#xa0;: envoyer les requêtes pour %1 à ce service</translation>
    </message>
    <message>
        <source>Only names under %1 go to SkyDNS; every other name resolves as before.</source>
        <translation>Seuls les noms sous %1 vont à SkyDNS&#xa0;; tous les autres noms sont résolus comme avant.</translation>
    </message>
    <message>
        <source>State not known yet.</source>
        <translation>État encore inconnu.</translation>
    </message>
    <message>
        <source>Routing %1 to this service…</source>
        <translation>Routage de %1 vers ce service…</translation>
    </message>
    <message>
        <source>Removing the routing of %1…</source>
        <translation>Suppression du routage de %1…</translation>
    </message>
    <message>
        <source>Could not read the routing state: %1</source>
        <translation>Impossible de lire l&apos;état du routage&#xa0;: %1</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>code de sortie %1</translation>
    </message>
    <message>
        <source>Could not route %1 to this service: %2</source>
        <translation>Impossible de router %1 vers ce service&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not remove the routing of %1: %2</source>
        <translation>Impossible de supprimer le routage de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>This computer sends queries for %1 to %2.</source>
        <translation>Cet ordinateur envoie les requêtes pour %1 à %2.</translation>
    </message>
    <message>
        <source>This computer does not use this service for %1.</source>
        <translation>Cet ordinateur n&apos;utilise pas ce service pour %1.</translation>
    </message>
</context>
<context>
    <name>skydns::console::SecretStore</name>
    <message>
        <source>No secret is stored for this profile.</source>
        <translation>Aucun secret n&apos;est enregistré pour ce profil.</translation>
    </message>
    <message>
        <source>The keyring failed: %1</source>
        <translation>Le trousseau a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>The keyring refused: %1</source>
        <translation>Le trousseau a refusé&#xa0;: %1</translation>
    </message>
    <message>
        <source>No keyring is available (%1). Passwords and tokens cannot be saved: you will be asked for them at each connection. Start a Secret Service (GNOME Keyring, KWallet) to keep them.</source>
        <translation>Aucun trousseau disponible (%1). Les mots de passe et jetons ne peuvent pas être enregistrés&#xa0;: ils vous seront demandés à chaque connexion. Démarrez un Secret Service (GNOME Keyring, KWallet) pour les conserver.</translation>
    </message>
    <message>
        <source>no keychain service found</source>
        <translation>aucun service de trousseau trouvé</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceControlWidget</name>
    <message>
        <source>Not installed</source>
        <translation>Non installé</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours d&apos;exécution</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Arrêt en cours</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Start the SkyDNS service (asks for administrator rights)</source>
        <translation>Démarrer le service SkyDNS (demande les droits d&apos;administrateur)</translation>
    </message>
    <message>
        <source>Stop the SkyDNS service (asks for administrator rights)</source>
        <translation>Arrêter le service SkyDNS (demande les droits d&apos;administrateur)</translation>
    </message>
    <message>
        <source>Restart the SkyDNS service (asks for administrator rights)</source>
        <translation>Redémarrer le service SkyDNS (demande les droits d&apos;administrateur)</translation>
    </message>
    <message>
        <source>SkyDNS service:</source>
        <translation>Service SkyDNS&#xa0;:</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceController</name>
    <message>
        <source>Could not query the service: %1</source>
        <translation>Impossible d&apos;interroger le service&#xa0;: %1</translation>
    </message>
    <message>
        <source>Starting the service</source>
        <translation>Le démarrage du service</translation>
    </message>
    <message>
        <source>Stopping the service</source>
        <translation>L&apos;arrêt du service</translation>
    </message>
    <message>
        <source>Restarting the service</source>
        <translation>Le redémarrage du service</translation>
    </message>
    <message>
        <source>%1 was cancelled.</source>
        <translation>%1 a été annulé.</translation>
    </message>
    <message>
        <source>%1 was not authorised.</source>
        <translation>%1 n&apos;a pas été autorisé.</translation>
    </message>
    <message>
        <source>%1 failed (exit code %2): %3</source>
        <translation>%1 a échoué (code de sortie %2)&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceEditor</name>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôte&#xa0;:</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 address, or a host name</source>
        <translation>Adresse IPv4 ou IPv6, ou nom d&apos;hôte</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <source>0-65535 (SRV port)</source>
        <translation>0-65535 (port SRV)</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>P&amp;riorité&#xa0;:</translation>
    </message>
    <message>
        <source>0 = the server&apos;s default priority</source>
        <translation>0 = priorité par défaut du serveur</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>Poi&amp;ds&#xa0;:</translation>
    </message>
    <message>
        <source>0-65535 (SRV weight; 0 counts as 100)</source>
        <translation>0-65535 (poids SRV&#xa0;; 0 compte pour 100)</translation>
    </message>
    <message>
        <source>&amp;TTL:</source>
        <translation>&amp;TTL&#xa0;:</translation>
    </message>
    <message>
        <source>answer TTL in seconds; 0 = etcd TTL or the server&apos;s default</source>
        <translation>TTL de la réponse en secondes&#xa0;; 0 = TTL etcd ou valeur par défaut du serveur</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xte&#xa0;:</translation>
    </message>
    <message>
        <source>TXT record data</source>
        <translation>données de l&apos;enregistrement TXT</translation>
    </message>
    <message>
        <source>Answer &amp;MX queries with this service</source>
        <translation>Répondre aux requêtes &amp;MX avec ce service</translation>
    </message>
    <message>
        <source>Mail:</source>
        <translation>Courrier&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Groupe&#xa0;:</translation>
    </message>
    <message>
        <source>only services of the same group are answered together</source>
        <translation>seuls les services d&apos;un même groupe sont répondus ensemble</translation>
    </message>
    <message>
        <source>Target stri&amp;p:</source>
        <translation>Élagage de la &amp;cible&#xa0;:</translation>
    </message>
    <message>
        <source>labels removed from the left of the SRV/MX target</source>
        <translation>labels retirés à gauche de la cible SRV/MX</translation>
    </message>
    <message>
        <source>Raw JSON (members the form does not know are kept):</source>
        <translation>JSON brut (les membres inconnus du formulaire sont conservés)&#xa0;:</translation>
    </message>
    <message>
        <source>DNS &amp;name:</source>
        <translation>&amp;Nom DNS&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. web.east.skydns.local.</source>
        <translation>p. ex. web.east.skydns.local.</translation>
    </message>
    <message>
        <source>etcd key:</source>
        <translation>Clé etcd&#xa0;:</translation>
    </message>
    <message>
        <source>Key &amp;expiry:</source>
        <translation>&amp;Expiration de la clé&#xa0;:</translation>
    </message>
    <message>
        <source>seconds until etcd deletes the key; empty or 0 = never</source>
        <translation>secondes avant qu&apos;etcd supprime la clé&#xa0;; vide ou 0 = jamais</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Enregi&amp;strer</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>Su&amp;pprimer…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Rech&amp;arger</translation>
    </message>
    <message>
        <source>Not connected to etcd.</source>
        <translation>Non connecté à etcd.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Chargement de %1…</translation>
    </message>
    <message>
        <source>%1 does not exist (any more).</source>
        <translation>%1 n&apos;existe pas (ou plus).</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>Impossible de charger %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Loaded revision %1.</source>
        <translation>Révision %1 chargée.</translation>
    </message>
    <message>
        <source>enter the DNS name of the new service</source>
        <translation>saisissez le nom DNS du nouveau service</translation>
    </message>
    <message>
        <source>(no valid name)</source>
        <translation>(pas de nom valide)</translation>
    </message>
    <message>
        <source>Invalid service: %1</source>
        <translation>Service invalide&#xa0;: %1</translation>
    </message>
    <message>
        <source>Invalid JSON: %1</source>
        <translation>JSON invalide&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Enregistrement de %1…</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>Supprimer le service</translation>
    </message>
    <message>
        <source>Delete %1 (key %2)? DNS answers for it stop at once.</source>
        <translation>Supprimer %1 (clé %2)&#xa0;? Les réponses DNS le concernant cessent aussitôt.</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>Suppression de %1…</translation>
    </message>
    <message>
        <source>Saved %1 (revision %2).</source>
        <translation>%1 enregistré (révision %2).</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 supprimé.</translation>
    </message>
    <message>
        <source>Conflict: someone else changed %1. Nothing was overwritten.</source>
        <translation>Conflit&#xa0;: quelqu&apos;un d&apos;autre a modifié %1. Rien n&apos;a été écrasé.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Impossible d&apos;enregistrer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>Impossible de supprimer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Loaded their version (revision %1).</source>
        <translation>Leur version chargée (révision %1).</translation>
    </message>
</context>
<context>
    <name>skydns::console::ServiceValidation</name>
    <message>
        <source>&quot;%1&quot; is not a valid IPv6 address</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse IPv6 valide</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid IPv4 address</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse IPv4 valide</translation>
    </message>
    <message>
        <source>the DNS name is empty</source>
        <translation>le nom DNS est vide</translation>
    </message>
    <message>
        <source>the root name cannot hold a service</source>
        <translation>le nom racine ne peut pas contenir de service</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>le nom est vide</translation>
    </message>
    <message>
        <source>the name is longer than 253 characters</source>
        <translation>le nom dépasse 253 caractères</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has an empty label</source>
        <translation>«&#xa0;%1&#xa0;» a un label vide</translation>
    </message>
    <message>
        <source>the label &quot;%1&quot; is longer than 63 characters</source>
        <translation>le label «&#xa0;%1&#xa0;» dépasse 63 caractères</translation>
    </message>
    <message>
        <source>the label &quot;%1&quot; may only hold letters, digits, &apos;-&apos; and &apos;_&apos;, and not start or end with &apos;-&apos;</source>
        <translation>le label «&#xa0;%1&#xa0;» ne peut contenir que des lettres, des chiffres, «&#xa0;-&#xa0;» et «&#xa0;_&#xa0;», et ne peut ni commencer ni finir par «&#xa0;-&#xa0;»</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <source>%1 is out of range (0 to %2)</source>
        <translation>%1 est hors limites (0 à %2)</translation>
    </message>
</context>
<context>
    <name>skydns::console::TimeSeriesPlot</name>
    <message numerus="yes">
        <source>last %n s</source>
        <translation>
            <numerusform>dernière %n s</numerusform>
            <numerusform>dernières %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>pas encore de données</translation>
    </message>
</context>
<context>
    <name>skydns::console::Translations</name>
    <message>
        <source>Language: %1. Status messages shown before the change stay in the previous language.</source>
        <translation>Langue&#xa0;: %1. Les messages d&apos;état affichés avant le changement restent dans la langue précédente.</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Paramètres</translation>
    </message>
</context>
</TS>
