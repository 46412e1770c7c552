"""Run every benchmark (`make bench`): the desktop client's figures, then the city-services API's."""

from . import api_load, client_load


def main():
    client_load.main([])
    api_load.main([])


if __name__ == "__main__":
    main()
