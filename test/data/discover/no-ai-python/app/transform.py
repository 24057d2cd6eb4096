"""Geometry helpers. Not AI: `transformations` is a matrix library, `openapi_core` checks HTTP specs.

import torch  <- a docstring line, not an import statement
"""
import transformations
from openapi_core import OpenAPI

from .openai_gateway import helpers
from . import sklearn_compat  # a local module with a look-alike name
