import inspect

import bigcommerce as api

EXCEPTION_TREE = {
    "BigcommerceException": Exception,
    "HttpException": api.BigcommerceException,
    "RedirectionException": api.HttpException,
    "ClientRequestException": api.HttpException,
    "BadRequestException": api.ClientRequestException,
    "UnauthorizedException": api.ClientRequestException,
    "ForbiddenException": api.ClientRequestException,
    "NotFoundException": api.ClientRequestException,
    "ConflictException": api.ClientRequestException,
    "PayloadTooLargeException": api.ClientRequestException,
    "UnprocessableEntityException": api.ClientRequestException,
    "RateLimitingException": api.ClientRequestException,
    "ServerException": api.HttpException,
    "EmptyResponseWarning": api.HttpException,
    "TransportException": api.BigcommerceException,
    "ConnectionException": api.TransportException,
    "TimeoutException": api.TransportException,
    "ConfigurationException": api.BigcommerceException,
    "VerificationException": api.BigcommerceException,
    "GraphQLException": api.BigcommerceException,
}


def test_all_lists_exactly_the_public_names():
    public = {
        name
        for name, value in vars(api).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert set(api.__all__) == public | {"__version__"}
    assert len(api.__all__) == len(set(api.__all__))


def test_every_name_in_all_resolves():
    for name in api.__all__:
        assert getattr(api, name) is not None


def test_exception_tree():
    for name, parent in EXCEPTION_TREE.items():
        exception_class = getattr(api, name)
        assert issubclass(exception_class, parent), name


def test_empty_response_warning_is_a_warning():
    assert issubclass(api.EmptyResponseWarning, Warning)


def test_configuration_exception_is_value_error():
    assert issubclass(api.ConfigurationException, ValueError)


def test_original_names_importable():
    from bigcommerce import (  # noqa: F401
        ClientRequestException,
        Connection,
        HttpException,
        OAuthConnection,
    )


def test_package_ships_type_information():
    from importlib import resources

    assert resources.files("bigcommerce").joinpath("py.typed").is_file()
