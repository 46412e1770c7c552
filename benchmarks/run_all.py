"""Run every benchmark (`make bench`): the desktop client's figures, a new user in a real window, the
festival scenes', the headset's (Monado in its root: needs root or sudo on Debian 12, see
scripts/in_monado_root.sh), then the city-services API's."""

from . import api_load, client_load, festival_load, headset, new_user


def main():
    client_load.main([])
    new_user.main([])
    festival_load.main([])
    headset.main([])
    api_load.main([])


if __name__ == "__main__":
    main()
