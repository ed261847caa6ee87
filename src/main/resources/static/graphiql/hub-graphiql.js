// GraphiQL on the hub (kz.reentry.hub.graphiql.GraphiQlPage): React, ReactDOM and GraphiQL are the
// bundles this page loaded before this script, all from the hub itself.
(function () {
    'use strict';

    // the GraphQL endpoint, named by the redirect to this page (?path=/graphql); only a path on this origin
    var path = new URLSearchParams(window.location.search).get('path');
    if (!path || path.charAt(0) !== '/' || path.charAt(1) === '/') {
        path = '/graphql';
    }

    // the headers the README suggests: the token, the person at the keyboard and the purpose
    var headers = JSON.stringify({
        'Authorization': 'Bearer <token>',
        'X-End-User': 'officer-0042',
        'X-Purpose': 'case-2026-0001'
    }, null, 2);

    var query = '# Put a token in the headers below (README, Quick start), then run this with Ctrl-Enter.\n'
        + '{\n  parties(first: 5) {\n    edges {\n      node {\n        code\n        name\n      }\n    }\n  }\n}\n';

    var fetcher = GraphiQL.createFetcher({ url: window.location.origin + path });

    // GraphiQL keeps tabs, history and favourites in localStorage, and its history keeps each query's
    // headers, the token among them, whatever shouldPersistHeaders says: nothing is stored with its headers
    function withoutHeaders(value) {
        try {
            return JSON.stringify(JSON.parse(value), function (key, item) {
                return key === 'headers' ? undefined : item;
            });
        } catch (notJson) {
            return value;
        }
    }

    function graphiQlKeys() {
        return Object.keys(window.localStorage).filter(function (key) {
            return key.indexOf('graphiql:') === 0;
        });
    }

    var storage = {
        getItem: function (key) {
            return window.localStorage.getItem(key);
        },
        setItem: function (key, value) {
            window.localStorage.setItem(key, withoutHeaders(value));
        },
        removeItem: function (key) {
            window.localStorage.removeItem(key);
        },
        get length() {
            return graphiQlKeys().length;
        },
        clear: function () {
            graphiQlKeys().forEach(function (key) {
                window.localStorage.removeItem(key);
            });
        }
    };

    ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, {
            fetcher: fetcher,
            storage: storage,
            defaultQuery: query,
            headers: headers,
            // the token stays out of the browser's storage (see storage above): typed again after a reload
            shouldPersistHeaders: false,
            defaultEditorToolsVisibility: 'headers'
        }));
}());
