package io.github.shaledb.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The user name and password of a settings.xml {@code <server>}, its password decrypted when masked. */
record ServerCredentials(String user, String password) {

    static ServerCredentials of(String serverId, Settings settings, SettingsDecrypter decrypter)
            throws MojoFailureException {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MojoFailureException(DbProperties.SERVER_ID + "=" + serverId
                    + " names no <server> in settings.xml. Add <server><id>" + serverId
                    + "</id><username>…</username><password>…</password></server> to ~/.m2/settings.xml"
                    + " or pass -s <settings.xml>.");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity().ordinal() <= SettingsProblem.Severity.ERROR.ordinal()) {
                throw new MojoFailureException("Cannot decrypt the password of <server> " + serverId
                        + " (" + DbProperties.SERVER_ID + "): " + problem.getMessage()
                        + ". Check settings-security.xml (-Dsettings.security=…) and its master password.");
            }
        }
        Server decrypted = result.getServer();
        return new ServerCredentials(decrypted.getUsername(), decrypted.getPassword());
    }

    @Override
    public String toString() {
        return "ServerCredentials[user=" + user + ", password=***]";
    }
}
