package dev.intunereset.worker.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS trust for the HTTPS calls to Entra ID and Graph: the JVM's CAs plus, when configured, the
 * certificates of {@code HTTPS_TRUSTED_CA_FILE}. Both the token requests and the Graph calls go
 * through OkHttp clients set up here, so one setting covers both.
 */
final class HttpTrust {
  private static final Pattern PEM_CERT =
      Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

  private final X509TrustManager trustManager;
  private final SSLSocketFactory socketFactory;

  private HttpTrust(X509TrustManager trustManager) {
    this.trustManager = trustManager;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      this.socketFactory = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS", e);
    }
  }

  /** The JVM's CAs and those in {@code caFile}. */
  static HttpTrust withExtraCas(Path caFile) {
    List<X509Certificate> extra = readCertificates(caFile);
    return new HttpTrust(new EitherTrustManager(jvmDefault(), trustManagerOf(extra)));
  }

  /** Applies this trust to a client builder. */
  OkHttpClient.Builder apply(OkHttpClient.Builder builder) {
    return builder.sslSocketFactory(socketFactory, trustManager);
  }

  private static List<X509Certificate> readCertificates(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      Matcher m = PEM_CERT.matcher(text);
      while (m.find()) {
        try (InputStream in =
            new java.io.ByteArrayInputStream(m.group().getBytes(StandardCharsets.ISO_8859_1))) {
          out.add((X509Certificate) factory.generateCertificate(in));
        }
      }
      if (out.isEmpty()) {
        // DER, or several concatenated DER certificates.
        try (InputStream in = Files.newInputStream(file)) {
          for (Certificate c : factory.generateCertificates(in)) {
            out.add((X509Certificate) c);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " is not a file of X.509 certificates", e);
    }
  }

  private static X509TrustManager jvmDefault() {
    return trustManagerOf(null);
  }

  private static X509TrustManager trustManagerOf(List<X509Certificate> certificates) {
    try {
      KeyStore store = null;
      if (certificates != null) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
          store.setCertificateEntry("extra-ca-" + i, certificates.get(i));
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("no X509TrustManager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust", e);
    }
  }

  /** Trusts a server chain that either trust manager trusts. */
  private static final class EitherTrustManager implements X509TrustManager {
    private final X509TrustManager first;
    private final X509TrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client certificates are not accepted here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return Stream.concat(
              Arrays.stream(first.getAcceptedIssuers()), Arrays.stream(second.getAcceptedIssuers()))
          .toArray(X509Certificate[]::new);
    }
  }
}
