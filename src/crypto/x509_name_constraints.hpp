// Name constraints (RFC 5280 §4.2.1.10) applied to one certificate below the constraining CA.
//
// Processed forms: dNSName (a constraint "example.com" admits example.com and any name ending in
// ".example.com"; ".example.com" admits only the subdomains; "" admits everything), iPAddress
// (address/mask, same family only) and directoryName (RDN prefix of the subject). For any other
// form (rfc822Name, URI, otherName, ...) tlsx does not implement matching, so a certificate that
// carries a name of such a constrained form is refused, as §4.2.1.10 requires ("the application
// MUST either process the constraint or reject the certificate").
#pragma once

#include <string>

#include "crypto/x509_certificate.hpp"

namespace tlsx::crypto {

struct NameConstraintCheck {
  bool ok = true;
  bool unsupported = false;  ///< refused because a constrained form is not implemented
  std::string detail;        ///< which name violated which constraint
};

NameConstraintCheck check_name_constraints(const NameConstraints& constraints,
                                           const X509Certificate& cert);

/// dNSName subtree test (exposed for tests): is name inside the constraint's subtree?
bool dns_name_within(std::string_view name, std::string_view constraint);

}  // namespace tlsx::crypto
