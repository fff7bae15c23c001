#!/usr/bin/env bash
# Builds agentdbg, runs the research demo under the agent (configured only by
# integration-tests/demo/agentdbg.properties), then prints the analyzer's summary of its trace.
set -euo pipefail
cd "$(dirname "$0")"

echo "== building agentdbg (agent, analyzer, demo) =="
mvn -B -q -DskipTests package

traces=target/demo-traces
rm -rf "$traces"
echo
echo "== running the demo under -javaagent:agent/target/agentdbg.jar =="
java -javaagent:agent/target/agentdbg.jar=config=integration-tests/demo/agentdbg.properties,output.dir=$traces \
     -jar integration-tests/target/agentdbg-demo.jar

echo
echo "== java -jar analyzer/target/agentdbg-analyzer.jar summary $traces =="
java -jar analyzer/target/agentdbg-analyzer.jar summary "$traces"
