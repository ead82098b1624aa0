// rsa_pms_dudect: does the time the server takes to check an RSA-encrypted pre-master secret
// depend on whether its PKCS#1 v1.5 padding is valid? (dudect: Reparaz, Balasch, Verbauwhede,
// "Dude, is my code constant time?", DATE 2017.)
//
// It times handshake::decrypt_rsa_pre_master_secret — the very function the server engine calls
// on a ClientKeyExchange (src/handshake/server_handshake.cpp) — with the key of tests/data/pki on
// two classes of ciphertext, interleaved in random order:
//   class 0: valid padding, a 48-byte PMS with the right version
//   class 1: invalid, cycling through every malformed class the oracle test uses (first byte not
//            0x00, block type not 0x02, no zero separator, separator too early (padding < 8),
//            short PMS, long PMS, wrong PMS version)
// and applies Welch's t-test to the two timing samples, raw and after cropping the slowest
// measurements at several percentiles (as dudect does, since noise is one-sided). |t| < 4.5 is no
// evidence of a leak; above it, the two classes are distinguishable.
//
//   rsa_pms_dudect [--seconds N] [--seed S]       (defaults: 60 s, seed 1)
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#include "crypto/rsa_internal.hpp"
#include "handshake/key_exchange.hpp"
#include "tlsx/config.hpp"
#include "tlsx/x509.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
constexpr std::size_t kPms = 48;
constexpr std::size_t kPoolPerClass = 512;

[[noreturn]] void die(const std::string& what) {
  (void)std::fprintf(stderr, "rsa_pms_dudect: %s\n", what.c_str());
  std::exit(2);  // NOLINT(concurrency-mt-unsafe): rsa_pms_dudect has one thread
}

/// A cycle counter where there is one (serialized so that the measured call stays inside),
/// nanoseconds elsewhere.
inline std::uint64_t now_ticks() {
#if defined(__x86_64__)
  unsigned aux = 0;
  _mm_lfence();
  const std::uint64_t t = __rdtscp(&aux);
  _mm_lfence();
  return t;
#else
  return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

enum class Malformation : int {
  none,
  first_byte,
  block_type,
  no_separator,
  separator_too_early,
  short_pms,
  long_pms,
  wrong_version,
  count,
};

/// EM = 0x00 0x02 PS 0x00 M for a message of msg_len bytes, then damaged as asked.
Bytes encoded_message(std::size_t k, Malformation m, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> nonzero(1, 255);
  std::size_t msg_len = kPms;
  if (m == Malformation::short_pms) msg_len = kPms - 1 - static_cast<std::size_t>(rng() % 16);
  if (m == Malformation::long_pms) msg_len = kPms + 1 + static_cast<std::size_t>(rng() % 16);
  if (m == Malformation::separator_too_early) msg_len = k - 3 - (rng() % 8);  // |PS| in 0..7
  Bytes em(k);
  em[0] = 0x00;
  em[1] = 0x02;
  const std::size_t sep = k - msg_len - 1;
  for (std::size_t i = 2; i < sep; ++i) em[i] = static_cast<std::uint8_t>(nonzero(rng));
  em[sep] = 0x00;
  for (std::size_t i = sep + 1; i < k; ++i) em[i] = static_cast<std::uint8_t>(rng());
  if (msg_len == kPms) {
    em[k - kPms] = 0x03;  // PMS version: TLS 1.2, as offered in the ClientHello
    em[k - kPms + 1] = 0x03;
  }
  switch (m) {
    case Malformation::first_byte:
      em[0] = static_cast<std::uint8_t>(1 + rng() % 0x7f);
      break;
    case Malformation::block_type:
      em[1] = (rng() % 2) ? 0x01 : 0x00;
      break;
    case Malformation::no_separator:
      em[sep] = static_cast<std::uint8_t>(nonzero(rng));
      break;
    case Malformation::wrong_version:
      em[k - kPms + 1] = 0x01;
      break;
    default:
      break;
  }
  return em;
}

struct Sample {
  double mean = 0, m2 = 0;
  std::size_t n = 0;
  void add(double x) {
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
  }
  [[nodiscard]] double variance() const { return n > 1 ? m2 / static_cast<double>(n - 1) : 0; }
};

double welch_t(const Sample& a, const Sample& b) {
  const double se =
      std::sqrt(a.variance() / static_cast<double>(a.n) + b.variance() / static_cast<double>(b.n));
  return se > 0 ? (a.mean - b.mean) / se : 0;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 60;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (a == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      (void)std::fprintf(stderr, "usage: rsa_pms_dudect [--seconds N] [--seed S]\n");
      return 2;
    }
  }

  const std::string key_path = std::string(TLSX_BENCH_PKI_DIR) + "/server.key";
  auto key = tlsx::PrivateKey::from_pem_file(key_path);
  if (!key) die("cannot load " + key_path + ": " + key.error().message());
  const tlsx::crypto::RsaPublicKey& pub = tlsx::crypto::public_key(*key->rsa());
  const std::size_t k = pub.size_bytes();
  const auto ops = tlsx::make_private_key_operations(*key);
  const tlsx::crypto::Provider& provider = tlsx::crypto::default_provider();

  // Ciphertext pools: raw RSA on crafted encoded messages.
  std::mt19937_64 rng(seed);
  std::array<std::vector<Bytes>, 2> pool;
  for (std::size_t i = 0; i < kPoolPerClass; ++i) {
    for (int cls = 0; cls < 2; ++cls) {
      const auto m =
          cls == 0 ? Malformation::none
                   : static_cast<Malformation>(1 + i % (static_cast<int>(Malformation::count) - 1));
      const Bytes em = encoded_message(k, m, rng);
      Bytes ct(k);
      if (!tlsx::crypto::rsa_public_op(pub, em, ct)) die("raw RSA encryption failed");
      pool[static_cast<std::size_t>(cls)].push_back(std::move(ct));
    }
  }
  // Sanity: the function under test accepts class 0 and rejects class 1 (implicitly: the PMS it
  // returns is the decrypted one only for class 0). Checked through the decrypted value.
  for (int cls = 0; cls < 2; ++cls) {
    const Bytes& ct = pool[static_cast<std::size_t>(cls)][0];
    Bytes em(k);
    if (!key->rsa()->private_op(provider, ct, em)) die("private op failed");
    auto pms = tlsx::handshake::decrypt_rsa_pre_master_secret(provider, *ops, ct,
                                                              tlsx::ProtocolVersion::tls12);
    if (!pms) die("decrypt_rsa_pre_master_secret failed: " + pms.error().message());
    const bool same = std::memcmp(pms->data(), em.data() + k - kPms, kPms) == 0;
    if (same != (cls == 0)) die("class " + std::to_string(cls) + " not handled as expected");
  }

  // Measure, interleaving the classes at random.
  std::vector<double> times[2];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  std::size_t warmup = 200;
  while (std::chrono::steady_clock::now() < deadline) {
    for (int batch = 0; batch < 64; ++batch) {
      const auto cls = static_cast<std::size_t>(rng() & 1);
      const Bytes& ct = pool[cls][rng() % kPoolPerClass];
      const std::uint64_t t0 = now_ticks();
      auto pms = tlsx::handshake::decrypt_rsa_pre_master_secret(provider, *ops, ct,
                                                                tlsx::ProtocolVersion::tls12);
      const std::uint64_t t1 = now_ticks();
      if (!pms) die("decrypt failed");
      if (warmup > 0) {
        --warmup;
        continue;
      }
      times[cls].push_back(static_cast<double>(t1 - t0));
    }
  }

  // Welch's t, raw and cropped at percentiles of the pooled distribution.
  std::vector<double> all(times[0]);
  all.insert(all.end(), times[1].begin(), times[1].end());
  std::sort(all.begin(), all.end());
  if (all.size() < 100) die("too few measurements");
  std::printf("rsa_pms_dudect: RSA-%zu, %zu valid + %zu invalid measurements in %.0f s (%s)\n",
              pub.bits(), times[0].size(), times[1].size(), seconds,
#if defined(__x86_64__)
              "rdtscp ticks"
#else
              "ns"
#endif
  );
  double max_abs_t = 0;
  std::printf("%-12s %10s %14s %14s %9s\n", "crop", "n", "mean valid", "mean invalid", "t");
  for (const double pct : {100.0, 99.0, 95.0, 90.0, 75.0, 50.0}) {
    const double limit =
        all[std::min(all.size() - 1,
                     static_cast<std::size_t>(pct / 100.0 * static_cast<double>(all.size() - 1)))];
    Sample s[2];
    for (int cls = 0; cls < 2; ++cls) {
      for (const double x : times[cls]) {
        if (x <= limit) s[cls].add(x);
      }
    }
    const double t = welch_t(s[0], s[1]);
    max_abs_t = std::max(max_abs_t, std::fabs(t));
    std::printf("<= p%-9.0f %10zu %14.0f %14.0f %9.2f\n", pct, s[0].n + s[1].n, s[0].mean,
                s[1].mean, t);
  }
  std::printf("max |t| = %.2f: %s\n", max_abs_t,
              max_abs_t < 4.5 ? "no evidence of a timing difference (|t| < 4.5)"
                              : "TIMING DIFFERENCE DETECTED (|t| >= 4.5)");
  return max_abs_t < 4.5 ? 0 : 1;
}
