// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Vm.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {Create3Deployer} from "../../contracts/deploy/Create3Deployer.sol";
import {ICreate3Deployer} from "../../contracts/deploy/ICreate3Deployer.sol";
import {Create3Target} from "../mocks/deploy/Create3Target.sol";

/// @dev Create3Deployer: addresses fixed by (caller, salt) alone, namespaced by caller, each usable once.
contract Create3DeployerTest is Test {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    bytes32 internal constant SALT = keccak256("aidao");

    Create3Deployer internal deployer;

    function setUp() public {
        deployer = new Create3Deployer();
    }

    function _initCode(uint256 value) internal pure returns (bytes memory) {
        return abi.encodePacked(type(Create3Target).creationCode, abi.encode(value));
    }

    function test_deploy_landsAtThePrediction() public {
        address predicted = deployer.predict(ALICE, SALT);
        vm.prank(ALICE);
        address deployed = deployer.deploy(SALT, _initCode(42));
        assertEq(deployed, predicted, "address");
        assertEq(Create3Target(deployed).value(), 42, "constructor argument");
        assertTrue(deployed.code.length > 0, "code");
    }

    function test_deploy_addressDoesNotDependOnTheConstructorArguments() public {
        uint256 snapshot = vm.snapshotState();
        vm.prank(ALICE);
        address first = deployer.deploy(SALT, _initCode(1));
        vm.revertToState(snapshot);
        vm.prank(ALICE);
        address second = deployer.deploy(SALT, _initCode(2));
        assertEq(first, second, "same caller and salt, other arguments");
        assertEq(Create3Target(second).value(), 2, "the second code was deployed");
    }

    function test_deploy_namespacesSaltsByCaller() public {
        assertTrue(deployer.predict(ALICE, SALT) != deployer.predict(BOB, SALT), "distinct predictions");
        vm.prank(BOB);
        address bobs = deployer.deploy(SALT, _initCode(7));
        assertEq(bobs, deployer.predict(BOB, SALT), "bob's address");
        // Bob used the salt first: Alice's address under it is still free for her.
        vm.prank(ALICE);
        address alices = deployer.deploy(SALT, _initCode(8));
        assertEq(alices, deployer.predict(ALICE, SALT), "alice's address");
    }

    function test_deploy_emitsDeployed() public {
        address predicted = deployer.predict(ALICE, SALT);
        vm.expectEmit();
        emit ICreate3Deployer.Deployed(ALICE, SALT, predicted);
        vm.prank(ALICE);
        deployer.deploy(SALT, _initCode(1));
    }

    function test_deploy_revertsIfTheCallerReusesASalt() public {
        vm.prank(ALICE);
        deployer.deploy(SALT, _initCode(1));
        vm.expectRevert(Errors.FailedDeployment.selector);
        vm.prank(ALICE);
        deployer.deploy(SALT, _initCode(2));
    }

    function test_deploy_bubblesUpAConstructorRevert() public {
        vm.expectRevert(abi.encodeWithSelector(Create3Target.Create3TargetRefused.selector, 0));
        vm.prank(ALICE);
        deployer.deploy(SALT, _initCode(0));
    }

    function test_deploy_forwardsValueToThePayableConstructor() public {
        vm.deal(ALICE, 1 ether);
        vm.prank(ALICE);
        address deployed = deployer.deploy{value: 1 ether}(SALT, _initCode(1));
        assertEq(deployed.balance, 1 ether, "value forwarded");
        assertEq(address(deployer).balance, 0, "deployer keeps nothing");
    }

    function test_deploy_constructorSeesAnIntermediateProxyAsSender() public {
        vm.prank(ALICE);
        address deployed = deployer.deploy(SALT, _initCode(1));
        address creator = Create3Target(deployed).creator();
        assertTrue(creator != ALICE && creator != address(deployer), "msg.sender is neither caller nor deployer");
    }

    function testFuzz_predict_matchesDeploy(address caller, bytes32 salt) public {
        vm.prank(caller);
        assertEq(deployer.deploy(salt, _initCode(1)), deployer.predict(caller, salt), "address");
    }
}
