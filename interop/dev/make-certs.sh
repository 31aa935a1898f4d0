#!/usr/bin/env bash
# Throwaway PKI for the self-test and fake-server.mjs, written to $1 (a temp dir).
#   ca.pem                     test CA
#   server.pem/.key.pem        SAN IP:127.0.0.1, DNS:localhost (as Kizuna's will be)
#   wronghost.pem/.key.pem     signed by the CA, SAN DNS:elsewhere.invalid only
#   client.pem/.key.pem        client certificate signed by the CA
#   rogue-ca.pem, rogue-client.pem/.key.pem   a second CA and a client it signed
set -euo pipefail
out=${1:?usage: make-certs.sh OUTDIR}
mkdir -p "$out"
cd "$out"

ca() { # name subject
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj "/CN=$2" -keyout "$1.key.pem" -out "$1.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}

leaf() { # name cn ca usage san
    local ext="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=$4"
    [[ -n ${5:-} ]] && ext+=$'\n'"subjectAltName=$5"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -subj "/CN=$2" -keyout "$1.key.pem" -out "$1.csr" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key.pem" -CAcreateserial -days 2 \
        -extfile <(printf '%s\n' "$ext") -out "$1.pem" 2>/dev/null
    rm -f "$1.csr"
}

ca ca "Interop Test CA"
ca rogue-ca "Rogue Test CA"
leaf server localhost ca serverAuth "IP:127.0.0.1,DNS:localhost"
leaf wronghost elsewhere.invalid ca serverAuth "DNS:elsewhere.invalid"
leaf client interop-client ca clientAuth
leaf rogue-client rogue-client rogue-ca clientAuth
echo "$out"
