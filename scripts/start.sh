#!/usr/bin/env bash
# Start the service with Node 22 and the locked dependencies.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
ensure_node_modules
exec npm start
