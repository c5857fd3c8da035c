import { createRequire } from "node:module";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatNodeTestRunner from "@nomicfoundation/hardhat-node-test-runner";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import { defineConfig } from "hardhat/config";

// Compile offline: Hardhat would otherwise download solc. The version must equal the
// installed `solc` package's, or artifacts are mislabelled.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.30";

export default defineConfig({
  plugins: [hardhatViem, hardhatViemAssertions, hardhatNetworkHelpers, hardhatNodeTestRunner],
  solidity: {
    profiles: {
      default: {
        compilers: [
          {
            version: SOLC_VERSION,
            path: require.resolve("solc/soljson.js"),
            settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "cancun" },
          },
        ],
        // A Governor with two electorates does not fit in 24,576 bytes at 10k runs; 200 trades a little gas per
        // vote for deployability (measured in bench/).
        overrides: {
          "contracts/venture/VentureGovernor.sol": {
            version: SOLC_VERSION,
            path: require.resolve("solc/soljson.js"),
            settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
          },
        },
      },
    },
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
  },
  paths: { tests: { solidity: "test", nodejs: "test" } },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
  },
});
