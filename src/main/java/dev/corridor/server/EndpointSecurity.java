package dev.corridor.server;

import dev.corridor.pki.Pem;
import dev.corridor.pki.PemException;
import dev.corridor.protocol.tls.ClientCertificatePolicy;
import dev.corridor.protocol.tls.LocalCredentials;
import dev.corridor.protocol.tls.TlsFailure;
import dev.corridor.protocol.tls.TlsResult;
import dev.corridor.protocol.tls.PreparedTlsServer;
import dev.corridor.protocol.tls.TlsServerConfig;
import dev.corridor.protocol.tls.TlsVersionRange;
import dev.corridor.server.config.AuthenticationOptions;
import dev.corridor.server.config.EndpointConfig;
import dev.corridor.server.config.InvalidConfigException;
import dev.corridor.server.saml.FederatedLogin;
import dev.corridor.server.saml.TrustedIdp;
import dev.corridor.server.users.UserDirectory;
import dev.corridor.server.users.UsersFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The endpoint's TLS server configuration and credential check, loaded from the files that
 * {@code endpoint.json} names (server certificate and key, client CA, CRL, users file).
 *
 * <pre>
 *   mutual             ─► client certificate REQUIRED (CA + CRL; an expired CRL refuses everyone)
 *   directory          ─► no client certificate asked for; users file
 *   mutual + directory ─► both
 *   federated          ─► no client certificate; SAML sign-in checked against the pinned IdP certificate
 * </pre>
 *
 * @param tls         the TLS server configuration
 * @param credentials how the owner judges a client once TLS is done
 */
public record EndpointSecurity(PreparedTlsServer tlsServer, CredentialCheck credentials) {

    /** The TLS settings (certificate, client CAs, CRLs). */
    public TlsServerConfig tls() {
        return tlsServer.config();
    }

    /** Loads everything; relative paths are taken from {@code configFolder}. */
    public static EndpointSecurity load(EndpointConfig config, Path configFolder, Clock clock)
            throws ServerSetupException {
        List<X509Certificate> chain = certificates(resolve(configFolder, config.serverCertificate().certificateFile()));
        PrivateKey key = privateKey(resolve(configFolder, config.serverCertificate().keyFile()));
        TlsResult<LocalCredentials> credentials = LocalCredentials.checked(chain, key,
                TlsFailure.Kind.BAD_CONFIGURATION);
        if (!(credentials instanceof TlsResult.Ok<LocalCredentials> ok)) {
            throw new ServerSetupException("the server certificate cannot be used: " + credentials);
        }
        Optional<Path> caFile = Optional.empty();
        Optional<AuthenticationOptions.Directory> directoryOptions = Optional.empty();
        if (config.authentication() instanceof AuthenticationOptions.Mutual mutual) {
            caFile = Optional.of(mutual.clientRootCaFile());
        } else if (config.authentication() instanceof AuthenticationOptions.Directory directory) {
            directoryOptions = Optional.of(directory);
        } else if (config.authentication() instanceof AuthenticationOptions.MutualAndDirectory both) {
            caFile = Optional.of(both.mutual().clientRootCaFile());
            directoryOptions = Optional.of(both.directory());
        }
        List<X509Certificate> clientCas = caFile.isPresent()
                ? certificates(resolve(configFolder, caFile.get())) : List.of();
        List<X509CRL> crls = config.crlFile().isPresent()
                ? List.of(crl(resolve(configFolder, config.crlFile().get()))) : List.of();
        TlsServerConfig tls = new TlsServerConfig(ok.value(), clientCas, crls,
                caFile.isPresent() ? ClientCertificatePolicy.REQUIRED : ClientCertificatePolicy.NONE, false,
                TlsVersionRange.DEFAULT);
        Optional<UserDirectory> directory = Optional.empty();
        if (directoryOptions.isPresent()) {
            Path usersFile = resolve(configFolder, directoryOptions.get().usersFile());
            try {
                directory = Optional.of(new UserDirectory(UsersFile.read(usersFile), directoryOptions.get().mfa()));
            } catch (IOException e) {
                throw new ServerSetupException("cannot read " + usersFile + ": " + e.getMessage());
            } catch (InvalidConfigException e) {
                throw new ServerSetupException(e.getMessage());
            }
        }
        if (config.authentication() instanceof AuthenticationOptions.Federated federated) {
            return new EndpointSecurity(PreparedTlsServer.prepare(tls), CredentialCheck.federated(federatedLogin(federated, configFolder, clock)));
        }
        return new EndpointSecurity(PreparedTlsServer.prepare(tls), new CredentialCheck(caFile.isPresent(), directory, clock));
    }

    private static FederatedLogin federatedLogin(AuthenticationOptions.Federated federated, Path configFolder,
            Clock clock) throws ServerSetupException {
        TrustedIdp idp = TrustedIdp.load(federated.idp(), configFolder);
        return new FederatedLogin(idp.certificate(), idp.ssoUrl(), idp.entityId(), clock,
                new java.security.SecureRandom());
    }

    private static Path resolve(Path folder, Path path) {
        return EndpointConfig.resolve(folder, path);
    }

    private static String read(Path file) throws ServerSetupException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ServerSetupException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file) throws ServerSetupException {
        try {
            return Pem.readCertificates(read(file));
        } catch (PemException e) {
            throw new ServerSetupException(file + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) throws ServerSetupException {
        try {
            return Pem.readPrivateKey(read(file));
        } catch (PemException e) {
            throw new ServerSetupException(file + ": " + e.getMessage());
        }
    }

    private static X509CRL crl(Path file) throws ServerSetupException {
        try {
            return Pem.readCrl(read(file));
        } catch (PemException e) {
            throw new ServerSetupException(file + ": " + e.getMessage());
        }
    }
}
