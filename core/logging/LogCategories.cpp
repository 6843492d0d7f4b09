#include "LogCategories.h"

Q_LOGGING_CATEGORY(lcApp, "aiband.app")
Q_LOGGING_CATEGORY(lcConfig, "aiband.config")
Q_LOGGING_CATEGORY(lcServer, "aiband.server")
Q_LOGGING_CATEGORY(lcWebSocket, "aiband.websocket")
Q_LOGGING_CATEGORY(lcGeneration, "aiband.generation")
Q_LOGGING_CATEGORY(lcMusic, "aiband.music")
Q_LOGGING_CATEGORY(lcFiles, "aiband.files")
Q_LOGGING_CATEGORY(lcUi, "aiband.ui")
Q_LOGGING_CATEGORY(lcAudio, "aiband.audio")
