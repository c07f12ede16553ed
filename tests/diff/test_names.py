"""Names reduce to the words that say what a resource is for."""

from __future__ import annotations

import pytest

from harness.diff.names import NameCleaner, class_name, raw_tokens, type_tokens
from harness.graph import Settings

KEY = "aws:kms/key:Key"


@pytest.fixture
def cleaner() -> NameCleaner:
    return NameCleaner([Settings(stack="dev", project="tap", environment_suffix="pr123")])


def test_camel_kebab_and_snake_split_the_same_way() -> None:
    assert raw_tokens("PrimaryKMSKey") == ["primary", "kms", "key"]
    assert (
        raw_tokens("primary-kms-key") == raw_tokens("primary_kms_key") == ["primary", "kms", "key"]
    )


@pytest.mark.parametrize(
    "name",
    [
        "dev-primary-kms-key",
        "primary-kms-key-prod",
        "primaryKmsKeyStaging",
        "pr123-primary-kms-key",
        "primary-kms-key-us-east-1",
        "primary_kms_key_0",
        "PrimaryKmsKey-pr456",
    ],
)
def test_environment_noise_is_removed(cleaner: NameCleaner, name: str) -> None:
    assert cleaner.name(name, KEY).words == ("primary", "kms", "key")
    assert cleaner.name(name, KEY).core == ("primary",)


def test_environment_glued_to_a_word_is_removed(cleaner: NameCleaner) -> None:
    assert cleaner.name("TapStackdev", "tap:stack:TapStack").words == ("stack",)
    assert cleaner.name("TapStackpr123", "tap:stack:TapStack").words == ("stack",)
    assert cleaner.name("latest-image", "aws:ecr/image:Image").words == ("latest", "image")


def test_version_markers_are_removed(cleaner: NameCleaner) -> None:
    assert cleaner.name("vpc-v1-dev", "aws:ec2/vpc:Vpc").words == ("vpc",)
    assert cleaner.name("ApiV2", "aws:apigateway/restApi:RestApi").words == ("api",)


def test_a_name_made_only_of_noise_keeps_its_words(cleaner: NameCleaner) -> None:
    assert cleaner.name("dev", KEY).words == ("dev",)


def test_type_words_include_module_class_and_acronym() -> None:
    words = type_tokens("aws:ec2/securityGroup:SecurityGroup")
    assert {"security", "group", "sg"} <= words


def test_component_class_ignores_package_and_module() -> None:
    assert class_name("tap:stack:TapStack") == class_name("custom:TapStack") == "tapstack"
